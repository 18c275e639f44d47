import type { Queryable } from './pool'

/** The locale tags a hub collection carries beside its primary content ('fr-FR'), sorted. */
export async function listCollectionLocales(db: Queryable, collectionId: string): Promise<string[]> {
  const { rows } = await db.query<{ tag: string }>(
    'select tag from hub_collection_locales where collection_id = $1 order by tag',
    [collectionId],
  )
  return rows.map((r) => r.tag)
}

/** Enables these locales (adding is idempotent; nothing is removed). */
export async function addCollectionLocales(db: Queryable, collectionId: string, tags: string[]) {
  if (!tags.length) return
  await db.query(
    `insert into hub_collection_locales (collection_id, tag) select $1, t from unnest($2::text[]) t
     on conflict do nothing`,
    [collectionId, tags],
  )
}

/** Disables a locale; the item versions in it go with it. */
export async function removeCollectionLocale(db: Queryable, collectionId: string, tag: string) {
  await db.query('delete from hub_collection_locales where collection_id = $1 and tag = $2', [
    collectionId,
    tag,
  ])
  await db.query(
    `delete from hub_item_locales where tag = $2 and hub_item_id in
       (select id from hub_items where collection_id = $1)`,
    [collectionId, tag],
  )
}
