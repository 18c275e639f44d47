import { randomUUID } from 'node:crypto'
import type { Queryable } from './pool'

/** The `installations` table. The token stays encrypted here; callers decrypt with TokenCipher. */
export type Installation = {
  id: string
  workspaceIds: string[]
  siteIds: string[]
  authorizedUser: { id: string; email: string; name: string } | null
  scopes: string[]
  tokenCiphertext: string | null
  rateLimit: number | null
  status: 'active' | 'revoked'
  createdAt: Date
  updatedAt: Date
  revokedAt: Date | null
}

export type InstallationGrant = Pick<
  Installation,
  'workspaceIds' | 'siteIds' | 'authorizedUser' | 'scopes' | 'rateLimit'
> & {
  /** The token, encrypted for the installation id it is stored under (its associated data). */
  encryptToken: (installationId: string) => string
}

const COLUMNS = `id, workspace_ids, site_ids, authorized_user, scopes, token_ciphertext, rate_limit, status,
  created_at, updated_at, revoked_at`

const PREFIXED = COLUMNS.split(',')
  .map((c) => `i.${c.trim()}`)
  .join(', ')

type Row = {
  id: string
  workspace_ids: string[]
  site_ids: string[]
  authorized_user: Installation['authorizedUser']
  scopes: string[]
  token_ciphertext: string | null
  rate_limit: number | null
  status: Installation['status']
  created_at: Date
  updated_at: Date
  revoked_at: Date | null
}

const toInstallation = (r: Row): Installation => ({
  id: r.id,
  workspaceIds: r.workspace_ids,
  siteIds: r.site_ids,
  authorizedUser: r.authorized_user,
  scopes: r.scopes,
  tokenCiphertext: r.token_ciphertext,
  rateLimit: r.rate_limit,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  revokedAt: r.revoked_at,
})

export async function getInstallation(db: Queryable, id: string): Promise<Installation | null> {
  const { rows } = await db.query<Row>(`select ${COLUMNS} from installations where id = $1`, [id])
  return rows[0] ? toInstallation(rows[0]) : null
}

export async function listInstallations(db: Queryable): Promise<Installation[]> {
  const { rows } = await db.query<Row>(`select ${COLUMNS} from installations order by created_at`)
  return rows.map(toInstallation)
}

/** The active installation that serves a site (through the `sites` table). */
export async function installationForSite(db: Queryable, siteId: string): Promise<Installation | null> {
  const { rows } = await db.query<Row>(
    `select ${PREFIXED} from installations i
     join sites s on s.installation_id = i.id where s.id = $1 and i.status = 'active'`,
    [siteId],
  )
  return rows[0] ? toInstallation(rows[0]) : null
}

/**
 * Inserts a grant, or replaces the token of the installation that already covers one of its sites (a
 * re-install or token rotation). A grant for other sites of the same workspace is a row of its own:
 * Webflow grants may cover single sites (docs/webflow.md, Grants and tokens), so replacing by
 * workspace would take the first site's token away. Locks the matched row so two concurrent
 * callbacks do not both insert.
 */
export async function upsertInstallation(
  tx: Queryable,
  g: InstallationGrant,
): Promise<{ installation: Installation; rotated: boolean; replacedCiphertext: string | null }> {
  await tx.query('select pg_advisory_xact_lock(4270002)')
  const existing = await tx.query<{ id: string; token_ciphertext: string | null }>(
    `select id, token_ciphertext from installations where site_ids && $1::text[]
     order by (status = 'active') desc, updated_at desc limit 1 for update`,
    [g.siteIds],
  )
  // A new installation's id is chosen here, so its token can be encrypted for it before the insert.
  const id = existing.rows[0]?.id ?? randomUUID()
  const params = [g.workspaceIds, g.siteIds, g.authorizedUser, g.scopes, g.encryptToken(id), g.rateLimit]
  if (existing.rows[0]) {
    const { rows } = await tx.query<Row>(
      `update installations set workspace_ids = $1, site_ids = $2, authorized_user = $3, scopes = $4,
         token_ciphertext = $5, rate_limit = $6, status = 'active', revoked_at = null, updated_at = now()
       where id = $7 returning ${COLUMNS}`,
      [...params, existing.rows[0].id],
    )
    return {
      installation: toInstallation(rows[0]!),
      rotated: true,
      replacedCiphertext: existing.rows[0].token_ciphertext,
    }
  }
  const { rows } = await tx.query<Row>(
    `insert into installations (workspace_ids, site_ids, authorized_user, scopes, token_ciphertext, rate_limit, id)
     values ($1, $2, $3, $4, $5, $6, $7) returning ${COLUMNS}`,
    [...params, id],
  )
  return { installation: toInstallation(rows[0]!), rotated: false, replacedCiphertext: null }
}

/** Marks an installation revoked and wipes its token. */
export async function revokeInstallation(tx: Queryable, id: string): Promise<Installation | null> {
  const { rows } = await tx.query<Row>(
    `update installations set status = 'revoked', token_ciphertext = null, revoked_at = now(), updated_at = now()
     where id = $1 returning ${COLUMNS}`,
    [id],
  )
  return rows[0] ? toInstallation(rows[0]) : null
}

/** Re-encrypts a token read with an old key (ENCRYPTION_KEY rotation). */
export async function updateTokenCiphertext(db: Queryable, id: string, ciphertext: string) {
  await db.query('update installations set token_ciphertext = $2, updated_at = now() where id = $1', [
    id,
    ciphertext,
  ])
}
