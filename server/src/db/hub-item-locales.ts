import type { Queryable } from './pool'

/** One locale version of a hub item: the localizable content only (shared fields stay on the item). */
export type LocaleVersion = {
  hubItemId: string
  tag: string
  name: string
  slug: string
  fields: Record<string, unknown>
  version: number
  updatedAt: Date
}

export type LocaleWrite = { name: string; slug: string; fields: Record<string, unknown> }

const COLUMNS = 'hub_item_id, tag, name, slug, fields, version, updated_at'

// biome-ignore lint/suspicious/noExplicitAny: a raw row from pg
function toVersion(r: any): LocaleVersion {
  return {
    hubItemId: r.hub_item_id,
    tag: r.tag,
    name: r.name,
    slug: r.slug,
    fields: r.fields,
    version: r.version,
    updatedAt: r.updated_at,
  }
}

export async function getLocaleVersion(db: Queryable, hubItemId: string, tag: string) {
  const { rows } = await db.query(
    `select ${COLUMNS} from hub_item_locales where hub_item_id = $1 and tag = $2`,
    [hubItemId, tag],
  )
  return rows[0] ? toVersion(rows[0]) : undefined
}

/** Every version of these items (of one locale when `tag` is given). */
export async function listLocaleVersions(
  db: Queryable,
  hubItemIds: string[],
  tag?: string,
): Promise<LocaleVersion[]> {
  if (!hubItemIds.length) return []
  const { rows } = await db.query(
    `select ${COLUMNS} from hub_item_locales where hub_item_id = any($1::uuid[]) and ($2::text is null or tag = $2)
     order by hub_item_id, tag`,
    [hubItemIds, tag ?? null],
  )
  return rows.map(toVersion)
}

/** How many versions of a collection's live items exist in these locales, by whether the item is published. */
export async function countLocaleVersions(
  db: Queryable,
  collectionId: string,
  tags: string[],
): Promise<{ live: number; staged: number }> {
  const { rows } = await db.query<{ live: number; staged: number }>(
    `select count(*) filter (where h.status = 'published')::int as live,
       count(*) filter (where h.status <> 'published')::int as staged
     from hub_item_locales v join hub_items h on h.id = v.hub_item_id
     where h.collection_id = $1 and h.deleted_at is null and v.tag = any($2::text[])`,
    [collectionId, tags],
  )
  return rows[0]!
}

/** Writes many versions in one statement (version bumps on each write). */
export async function upsertLocaleVersions(
  db: Queryable,
  ws: (LocaleWrite & { hubItemId: string; tag: string })[],
): Promise<LocaleVersion[]> {
  if (!ws.length) return []
  const { rows } = await db.query(
    `insert into hub_item_locales as v (hub_item_id, tag, name, slug, fields)
     select x.hub_item_id, x.tag, x.name, x.slug, x.fields
     from jsonb_to_recordset($1::jsonb) as x(hub_item_id uuid, tag text, name text, slug text, fields jsonb)
     on conflict (hub_item_id, tag) do update set name = excluded.name, slug = excluded.slug,
       fields = excluded.fields, version = v.version + 1, updated_at = now()
     returning ${COLUMNS}`,
    [
      JSON.stringify(
        ws.map((w) => ({
          hub_item_id: w.hubItemId,
          tag: w.tag,
          name: w.name,
          slug: w.slug,
          fields: w.fields,
        })),
      ),
    ],
  )
  return rows.map(toVersion)
}

export async function deleteLocaleVersion(db: Queryable, hubItemId: string, tag: string) {
  const { rowCount } = await db.query('delete from hub_item_locales where hub_item_id = $1 and tag = $2', [
    hubItemId,
    tag,
  ])
  return (rowCount ?? 0) > 0
}
