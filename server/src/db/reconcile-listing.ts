import type { CollectionItem } from '@bindery/shared/webflow'
import type { Queryable } from './pool'

/** One listed Webflow item: its staged version and, when it is live, its live one. */
export type ListedItem = { staged: CollectionItem; live: CollectionItem | undefined }

/** A listed item and its position in the listing (its list offset). */
export type ListingEntry = { item: CollectionItem; seq: number }

/**
 * Adds list pages of a run (staged, or live) in one statement; an item listed twice is kept once,
 * where it was first listed.
 */
export async function addToListing(db: Queryable, reportId: string, entries: ListingEntry[], live: boolean) {
  if (!entries.length) return
  // Offsets shift while items are created or deleted, so a batch of pages may list an item twice;
  // one statement may upsert a row once only.
  const first = [...new Map(entries.toReversed().map((e) => [e.item.id, e])).values()]
  await db.query(
    `insert into reconcile_listing as r (report_id, webflow_item_id, slug, staged, live, seq)
     select $1, x.id, case when $2 then null else x.slug end, case when $2 then null else x.item end,
       case when $2 then x.item end, case when $2 then null else x.seq end
     from jsonb_to_recordset($3::jsonb) as x(id text, slug text, item jsonb, seq int)
     -- The staged and the live listing upsert the same rows at once: both in one order, or deadlock.
     order by x.id
     on conflict (report_id, webflow_item_id) do update set
       slug = coalesce(excluded.slug, r.slug), staged = coalesce(excluded.staged, r.staged),
       live = coalesce(excluded.live, r.live), seq = coalesce(r.seq, excluded.seq)`,
    [
      reportId,
      live,
      JSON.stringify(first.map(({ item, seq }) => ({ id: item.id, slug: item.fieldData.slug, item, seq }))),
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
  // A live version with the staged one's field data (a published item, the usual case) is not read
  // back: it is the staged one as far as content goes (the live one's state is not compared).
  const { rows } = await db.query<{ staged: CollectionItem; live: CollectionItem | null; in_live: boolean }>(
    `select staged, live is not null as in_live,
       case when live -> 'fieldData' = staged -> 'fieldData' then null else live end as live
     from reconcile_listing
     where report_id = $1 and staged is not null and seq >= $2 and seq < $2 + $3
     order by seq, webflow_item_id`,
    [reportId, from, limit],
  )
  return rows.map((r) => ({ staged: r.staged, live: r.in_live ? (r.live ?? r.staged) : undefined }))
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
