import type { Queryable } from './pool'

export type ApiKeyRow = {
  id: string
  siteId: string
  name: string
  prefix: string
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
  /** "user:<Webflow user id>" (a site manager in the panel) or "admin"; null for keys made before 0008. */
  createdBy: string | null
  expiresAt: Date | null
}

type Row = {
  id: string
  site_id: string
  name: string
  prefix: string
  created_at: Date
  last_used_at: Date | null
  revoked_at: Date | null
  created_by: string | null
  expires_at: Date | null
}

// Never `key_hash`: nothing outside this module needs it back.
const COLUMNS = 'id, site_id, name, prefix, created_at, last_used_at, revoked_at, created_by, expires_at'

function toApiKey(r: Row): ApiKeyRow {
  return {
    id: r.id,
    siteId: r.site_id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
    createdBy: r.created_by,
    expiresAt: r.expires_at,
  }
}

export async function insertApiKey(
  db: Queryable,
  k: {
    siteId: string
    name: string
    prefix: string
    keyHash: string
    createdBy: string
    expiresAt: Date | null
  },
): Promise<ApiKeyRow> {
  const { rows } = await db.query<Row>(
    `insert into api_keys (site_id, name, prefix, key_hash, created_by, expires_at)
     values ($1, $2, $3, $4, $5, $6) returning ${COLUMNS}`,
    [k.siteId, k.name, k.prefix, k.keyHash, k.createdBy, k.expiresAt],
  )
  return toApiKey(rows[0]!)
}

export async function listApiKeysOfSite(db: Queryable, siteId: string): Promise<ApiKeyRow[]> {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from api_keys where site_id = $1 order by created_at, id`,
    [siteId],
  )
  return rows.map(toApiKey)
}

export async function getApiKey(db: Queryable, id: string): Promise<ApiKeyRow | undefined> {
  const { rows } = await db.query<Row>(`select ${COLUMNS} from api_keys where id = $1`, [id])
  return rows[0] && toApiKey(rows[0])
}

export async function findApiKeyByHash(db: Queryable, keyHash: string): Promise<ApiKeyRow | undefined> {
  const { rows } = await db.query<Row>(`select ${COLUMNS} from api_keys where key_hash = $1`, [keyHash])
  return rows[0] && toApiKey(rows[0])
}

/** Revokes once; revoking again keeps the first time. */
export async function revokeApiKeyRow(db: Queryable, id: string): Promise<ApiKeyRow | undefined> {
  const { rows } = await db.query<Row>(
    `update api_keys set revoked_at = coalesce(revoked_at, now()) where id = $1 returning ${COLUMNS}`,
    [id],
  )
  return rows[0] && toApiKey(rows[0])
}

/** Revokes every live key of the sites (uninstall); the keys revoked. */
export async function revokeKeysOfSites(db: Queryable, siteIds: string[]): Promise<ApiKeyRow[]> {
  const { rows } = await db.query<Row>(
    `update api_keys set revoked_at = now() where site_id = any($1::text[]) and revoked_at is null
     returning ${COLUMNS}`,
    [siteIds],
  )
  return rows.map(toApiKey)
}

/** At most one write a minute per key, however busy it is: the condition makes the others no-ops. */
export async function touchApiKey(db: Queryable, id: string) {
  await db.query(
    `update api_keys set last_used_at = now()
     where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
    [id],
  )
}
