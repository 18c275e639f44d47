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

/** The collection of each live item among `ids` (a deleted or unknown id is absent). */
export async function liveCollectionsOf(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; collection_id: string }>(
    'select id, collection_id from hub_items where id = any($1::uuid[]) and deleted_at is null',
    [ids],
  )
  return new Map(rows.map((r) => [r.id, r.collection_id]))
}

/** How many live items each of the collections holds (a collection with none is absent). */
export async function countLiveItems(db: Queryable, collectionIds: string[]): Promise<Map<string, number>> {
  const { rows } = await db.query<{ collection_id: string; n: number }>(
    `select collection_id, count(*)::int as n from hub_items
     where collection_id = any($1::uuid[]) and deleted_at is null group by collection_id`,
    [collectionIds],
  )
  return new Map(rows.map((r) => [r.collection_id, r.n]))
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

/** The live hub items of the collection with these slugs, by slug. */
export async function liveHubItemsBySlug(
  db: Queryable,
  collectionId: string,
  slugs: string[],
): Promise<Map<string, HubItem>> {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from hub_items where collection_id = $1 and slug = any($2::text[]) and deleted_at is null`,
    [collectionId, slugs],
  )
  return new Map(rows.map((r) => [r.slug, toHubItem(r)]))
}

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

/** Brings a tombstone back (a new version); undefined when the item is not deleted. */
export async function restoreHubItem(db: Queryable, id: string) {
  const { rows } = await db.query<Row>(
    `update hub_items set deleted_at = null, updated_at = now(), version = version + 1
     where id = $1 and deleted_at is not null
     returning ${COLUMNS}`,
    [id],
  )
  return rows[0] && toHubItem(rows[0])
}

// --- content API: locking reads, cursor list, multi-row writes ---

/** The live item, row-locked until the transaction ends: a write decides on the version it read. */
export async function lockLiveHubItem(db: Queryable, collectionId: string, id: string) {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from hub_items where id = $1 and collection_id = $2 and deleted_at is null for update`,
    [id, collectionId],
  )
  return rows[0] && toHubItem(rows[0])
}

/** The item, deleted or not, row-locked until the transaction ends. */
export async function lockHubItem(db: Queryable, collectionId: string, id: string) {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from hub_items where id = $1 and collection_id = $2 for update`,
    [id, collectionId],
  )
  return rows[0] && toHubItem(rows[0])
}

/** Live items of the collection with these slugs, row-locked in id order (concurrent batches do not deadlock). */
export async function lockLiveHubItemsBySlug(db: Queryable, collectionId: string, slugs: string[]) {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from hub_items
     where collection_id = $1 and slug = any($2::text[]) and deleted_at is null
     order by id for update`,
    [collectionId, slugs],
  )
  return rows.map(toHubItem)
}

export type HubItemListFilter = {
  status?: ItemStatus
  updatedSince?: string
  includeDeleted: boolean
  /** Keyset position: items strictly after (updatedAt, id). `updatedAt` is Postgres text, to the µs. */
  after?: { updatedAt: string; id: string }
  limit: number
}

/**
 * One page in (updated_at, id) order, walking the (collection_id, updated_at, id) index. Each item
 * comes with its exact updated_at as text: a JS Date would lose the microseconds a cursor needs.
 */
export async function listHubItemsPage(db: Queryable, collectionId: string, f: HubItemListFilter) {
  const { rows } = await db.query<Row & { updated_at_text: string }>(
    `select ${COLUMNS}, updated_at::text as updated_at_text from hub_items
     where collection_id = $1
       and ($2::text is null or status = $2)
       and ($3::timestamptz is null or updated_at >= $3)
       and ($4::boolean or deleted_at is null)
       and ($5::timestamptz is null or (updated_at, id) > ($5::timestamptz, $6::uuid))
     order by updated_at, id
     limit $7`,
    [
      collectionId,
      f.status ?? null,
      f.updatedSince ?? null,
      f.includeDeleted,
      f.after?.updatedAt ?? null,
      f.after?.id ?? null,
      f.limit,
    ],
  )
  return rows.map((r) => ({ item: toHubItem(r), updatedAtText: r.updated_at_text }))
}

/** Inserts many items in one statement; rows come back in input order. */
export async function insertHubItems(db: Queryable, collectionId: string, ws: HubItemWrite[]) {
  if (!ws.length) return []
  const { rows } = await db.query<Row>(
    `insert into hub_items (collection_id, slug, name, status, fields)
     select $1, w.slug, w.name, w.status, w.fields
     from unnest($2::text[], $3::text[], $4::text[], $5::jsonb[]) with ordinality as w(slug, name, status, fields, ord)
     order by w.ord
     returning ${COLUMNS}`,
    [
      collectionId,
      ws.map((w) => w.slug),
      ws.map((w) => w.name),
      ws.map((w) => w.status),
      ws.map((w) => JSON.stringify(w.fields)),
    ],
  )
  const bySlug = new Map(rows.map((r) => [r.slug, toHubItem(r)]))
  return ws.map((w) => bySlug.get(w.slug)!)
}

/** Replaces the content of many live items in one statement and bumps their versions. */
export async function updateHubItems(db: Queryable, ws: (HubItemWrite & { id: string })[]) {
  if (!ws.length) return []
  const { rows } = await db.query<Row>(
    `update hub_items h set slug = w.slug, name = w.name, status = w.status, fields = w.fields,
       version = h.version + 1, updated_at = now()
     from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[]) as w(id, slug, name, status, fields)
     where h.id = w.id and h.deleted_at is null
     returning ${COLUMNS.split(', ')
       .map((c) => `h.${c}`)
       .join(', ')}`,
    [
      ws.map((w) => w.id),
      ws.map((w) => w.slug),
      ws.map((w) => w.name),
      ws.map((w) => w.status),
      ws.map((w) => JSON.stringify(w.fields)),
    ],
  )
  return rows.map(toHubItem)
}

/** Drops the values of removed fields from every item that has one; returns those items' ids. */
export async function removeHubFieldValues(
  db: Queryable,
  collectionId: string,
  slugs: string[],
): Promise<{ id: string; removed: Record<string, unknown>; deleted: boolean }[]> {
  if (!slugs.length) return []
  // Tombstones lose the values too: a restored item must not bring back a removed field's data.
  const { rows } = await db.query(
    `with old as (
       select id, fields from hub_items where collection_id = $1 and fields ?| $2::text[] for update
     )
     update hub_items h set fields = h.fields - $2::text[], version = h.version + 1, updated_at = now()
     from old where h.id = old.id
     returning h.id, h.deleted_at is not null as deleted,
       (select jsonb_object_agg(k, old.fields -> k) from unnest($2::text[]) as k where old.fields ? k) as removed`,
    [collectionId, slugs],
  )
  return rows.map((r) => ({ id: r.id, removed: r.removed, deleted: r.deleted }))
}

/** How many live items hold one of these values in a (select) field. */
export async function countHubItemsWithValue(
  db: Queryable,
  collectionId: string,
  slug: string,
  values: string[],
) {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from hub_items
     where collection_id = $1 and deleted_at is null and fields ->> $2 = any($3::text[])`,
    [collectionId, slug, values],
  )
  return rows[0]!.n
}

/** Clears a select's values that are one of `names` (Options removed in Webflow); returns the items changed. */
export async function clearSelectValues(db: Queryable, collectionId: string, slug: string, names: string[]) {
  if (!names.length) return []
  const { rows } = await db.query<{ id: string; value: string }>(
    `update hub_items h set fields = h.fields - $2::text, version = h.version + 1, updated_at = now()
     from hub_items old
     where old.id = h.id and h.collection_id = $1 and h.deleted_at is null and h.fields ->> $2 = any($3::text[])
     returning h.id, old.fields ->> $2 as value`,
    [collectionId, slug, names],
  )
  return rows
}

/** Marks items as changed without touching their primary content (a locale version was written). */
export async function touchHubItems(db: Queryable, ids: string[]) {
  if (!ids.length) return
  await db.query(
    'update hub_items set updated_at = now() where id = any($1::uuid[]) and deleted_at is null',
    [ids],
  )
}

/** Every item of a collection, tombstones included, locked for a restore to a point in time. */
export async function lockCollectionItems(db: Queryable, collectionId: string): Promise<HubItem[]> {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from hub_items where collection_id = $1 order by created_at, id for update`,
    [collectionId],
  )
  return rows.map(toHubItem)
}

/** Every live item of a collection (what a first push would create). */
export async function listLiveHubItems(db: Queryable, collectionId: string): Promise<HubItem[]> {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from hub_items where collection_id = $1 and deleted_at is null order by created_at, id`,
    [collectionId],
  )
  return rows.map(toHubItem)
}
