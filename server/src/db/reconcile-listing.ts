import type { CollectionItem } from '@bindery/shared/webflow'
import type { Queryable } from './pool'

/** One listed Webflow item: its staged version and, when it is live, its live one. */
export type ListedItem = { staged: CollectionItem; live: CollectionItem | undefined }

/**
 * Adds one list page of a run (staged or live), listed at `offset`, in one statement; an item listed
 * twice is kept once, where it was first listed.
 */
export async function addToListing(
  db: Queryable,
  reportId: string,
  items: CollectionItem[],
  live: boolean,
  offset: number,
) {
  if (!items.length) return
  await db.query(
    `insert into reconcile_listing as r (report_id, webflow_item_id, slug, staged, live, seq)
     select $1, x.id, case when $2 then null else x.slug end, case when $2 then null else x.item end,
       case when $2 then x.item end, case when $2 then null else $4 + x.n end
     from jsonb_to_recordset($3::jsonb) as x(id text, slug text, item jsonb, n int)
     on conflict (report_id, webflow_item_id) do update set
       slug = coalesce(excluded.slug, r.slug), staged = coalesce(excluded.staged, r.staged),
       live = coalesce(excluded.live, r.live), seq = coalesce(r.seq, excluded.seq)`,
    [
      reportId,
      live,
      JSON.stringify(items.map((i, n) => ({ id: i.id, slug: i.fieldData.slug, item: i, n }))),
      offset,
    ],
  )
}

/**
 * The run's staged items listed at positions `from` to `from + limit - 1`: one page of the
 * comparison, read through the position index (a range, never the rest of the listing).
 */
export async function listingPage(
  db: Queryable,
  reportId: string,
  from: number,
  limit: number,
): Promise<ListedItem[]> {
  const { rows } = await db.query<{ staged: CollectionItem; live: CollectionItem | null }>(
    `select staged, live from reconcile_listing
     where report_id = $1 and staged is not null and seq >= $2 and seq < $2 + $3
     order by seq, webflow_item_id`,
    [reportId, from, limit],
  )
  return rows.map((r) => ({ staged: r.staged, live: r.live ?? undefined }))
}

/** How many staged items the run listed, and the last position it listed one at (-1: none). */
export async function countListed(db: Queryable, reportId: string): Promise<{ count: number; last: number }> {
  const { rows } = await db.query<{ n: number; last: number }>(
    `select count(*)::int as n, coalesce(max(seq), -1)::int as last from reconcile_listing
     where report_id = $1 and staged is not null`,
    [reportId],
  )
  return { count: rows[0]!.n, last: rows[0]!.last }
}

/** Forgets what the run listed. */
export async function clearListing(db: Queryable, reportId: string) {
  await db.query('delete from reconcile_listing where report_id = $1', [reportId])
}
