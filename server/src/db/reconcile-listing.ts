import type { CollectionItem } from '@bindery/shared/webflow'
import type { Queryable } from './pool'

/** One listed Webflow item: its staged version and, when it is live, its live one. */
export type ListedItem = { staged: CollectionItem; live: CollectionItem | undefined }

/** Adds one list page of a run (staged or live) in one statement; an item listed twice is kept once. */
export async function addToListing(db: Queryable, reportId: string, items: CollectionItem[], live: boolean) {
  if (!items.length) return
  await db.query(
    `insert into reconcile_listing as r (report_id, webflow_item_id, slug, staged, live)
     select $1, x.id, case when $2 then null else x.slug end, case when $2 then null else x.item end,
       case when $2 then x.item end
     from jsonb_to_recordset($3::jsonb) as x(id text, slug text, item jsonb)
     on conflict (report_id, webflow_item_id) do update set
       slug = coalesce(excluded.slug, r.slug), staged = coalesce(excluded.staged, r.staged),
       live = coalesce(excluded.live, r.live)`,
    [reportId, live, JSON.stringify(items.map((i) => ({ id: i.id, slug: i.fieldData.slug, item: i })))],
  )
}

/** The run's staged items after `after` (by Webflow id), `limit` of them: one page of the comparison. */
export async function listingPage(
  db: Queryable,
  reportId: string,
  after: string,
  limit: number,
): Promise<ListedItem[]> {
  const { rows } = await db.query<{ staged: CollectionItem; live: CollectionItem | null }>(
    `select staged, live from reconcile_listing
     where report_id = $1 and staged is not null and webflow_item_id > $2
     order by webflow_item_id limit $3`,
    [reportId, after, limit],
  )
  return rows.map((r) => ({ staged: r.staged, live: r.live ?? undefined }))
}

/** How many staged items the run listed. */
export async function countListed(db: Queryable, reportId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'select count(*)::int as n from reconcile_listing where report_id = $1 and staged is not null',
    [reportId],
  )
  return rows[0]!.n
}

/** Forgets what the run listed. */
export async function clearListing(db: Queryable, reportId: string) {
  await db.query('delete from reconcile_listing where report_id = $1', [reportId])
}
