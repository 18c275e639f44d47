import type { ItemStatus } from '@bindery/shared/hub'
import type { Queryable } from './pool'

export type HubItem = {
  id: string
  collectionId: string
  slug: string
  name: string
  status: ItemStatus
  fields: Record<string, unknown>
  version: number
  createdAt: Date
  updatedAt: Date
  deletedAt: Date | null
}

const COLUMNS = 'id, collection_id, slug, name, status, fields, version, created_at, updated_at, deleted_at'

type Row = {
  id: string
  collection_id: string
  slug: string
  name: string
  status: ItemStatus
  fields: Record<string, unknown>
  version: number
  created_at: Date
  updated_at: Date
  deleted_at: Date | null
}

export function toHubItem(r: Row): HubItem {
  return {
    id: r.id,
    collectionId: r.collection_id,
    slug: r.slug,
    name: r.name,
    status: r.status,
    fields: r.fields,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  }
}

export async function getHubItem(db: Queryable, id: string): Promise<HubItem | undefined> {
  const { rows } = await db.query<Row>(`select ${COLUMNS} from hub_items where id = $1`, [id])
  return rows[0] && toHubItem(rows[0])
}

export async function getHubItemsByIds(db: Queryable, ids: string[]): Promise<HubItem[]> {
  const { rows } = await db.query<Row>(`select ${COLUMNS} from hub_items where id = any($1::uuid[])`, [ids])
  return rows.map(toHubItem)
}

/** The live (not deleted) item with this slug in the collection. */
export async function getHubItemBySlug(db: Queryable, collectionId: string, slug: string) {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from hub_items where collection_id = $1 and slug = $2 and deleted_at is null`,
    [collectionId, slug],
  )
  return rows[0] && toHubItem(rows[0])
}

export type HubItemWrite = { slug: string; name: string; status: ItemStatus; fields: Record<string, unknown> }

export async function insertHubItem(db: Queryable, collectionId: string, w: HubItemWrite): Promise<HubItem> {
  const { rows } = await db.query<Row>(
    `insert into hub_items (collection_id, slug, name, status, fields) values ($1, $2, $3, $4, $5)
     returning ${COLUMNS}`,
    [collectionId, w.slug, w.name, w.status, JSON.stringify(w.fields)],
  )
  return toHubItem(rows[0]!)
}

/**
 * Replaces an item's content and bumps its version. With `expectedVersion`, a stale writer changes
 * nothing and gets undefined back (optimistic concurrency).
 */
export async function updateHubItem(
  db: Queryable,
  id: string,
  w: HubItemWrite,
  expectedVersion?: number,
): Promise<HubItem | undefined> {
  const { rows } = await db.query<Row>(
    `update hub_items set slug = $2, name = $3, status = $4, fields = $5, version = version + 1, updated_at = now()
     where id = $1 and deleted_at is null and ($6::int is null or version = $6)
     returning ${COLUMNS}`,
    [id, w.slug, w.name, w.status, JSON.stringify(w.fields), expectedVersion ?? null],
  )
  return rows[0] && toHubItem(rows[0])
}

export async function softDeleteHubItem(db: Queryable, id: string, expectedVersion?: number) {
  const { rows } = await db.query<Row>(
    `update hub_items set deleted_at = now(), updated_at = now(), version = version + 1
     where id = $1 and deleted_at is null and ($2::int is null or version = $2)
     returning ${COLUMNS}`,
    [id, expectedVersion ?? null],
  )
  return rows[0] && toHubItem(rows[0])
}
