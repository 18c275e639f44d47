import type { Queryable } from './pool'

export type HeldItem = { hubItemId: string; webflowItemId: string | null; slug: string; name: string }
export type HoldSide = 'hub' | 'webflow'
export type HoldSource = 'push' | 'pull' | 'reconcile'
export type HoldStatus = 'held' | 'confirmed' | 'rejected'
/** A mass delete past the threshold, or a link whose delete mode is 'hold'. */
export type HoldReason = 'mass-delete' | 'link-policy'

export type DeleteHold = {
  id: string
  siteId: string
  linkId: string
  side: HoldSide
  source: HoldSource
  items: HeldItem[]
  collectionSize: number
  status: HoldStatus
  createdAt: Date
  decidedAt: Date | null
  decidedBy: string | null
  reason: HoldReason
}

const COLUMNS = `id, site_id, link_id, side, source, items, collection_size, status, created_at, decided_at, decided_by,
  reason`

// biome-ignore lint/suspicious/noExplicitAny: a raw row from pg
function toHold(r: any): DeleteHold {
  return {
    id: r.id,
    siteId: r.site_id,
    linkId: r.link_id,
    side: r.side,
    source: r.source,
    items: r.items,
    collectionSize: r.collection_size,
    status: r.status,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    reason: r.reason,
  }
}

export async function insertHold(
  db: Queryable,
  h: Pick<DeleteHold, 'siteId' | 'linkId' | 'side' | 'source' | 'items' | 'collectionSize'> & {
    reason?: HoldReason
    status?: HoldStatus
  },
): Promise<DeleteHold> {
  const { rows } = await db.query(
    `insert into delete_holds (site_id, link_id, side, source, items, collection_size, reason, status)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning ${COLUMNS}`,
    [
      h.siteId,
      h.linkId,
      h.side,
      h.source,
      JSON.stringify(h.items),
      h.collectionSize,
      h.reason ?? 'mass-delete',
      h.status ?? 'held',
    ],
  )
  return toHold(rows[0])
}

/** Adds items to an open hold (the pull gathers a burst of deletes into one). */
export async function appendHeldItems(db: Queryable, id: string, items: HeldItem[]) {
  await db.query(`update delete_holds set items = items || $2::jsonb where id = $1 and status = 'held'`, [
    id,
    JSON.stringify(items),
  ])
}

/** The open hold a pull of this link is gathering deletes into, if one began within `minutes`. */
export async function recentOpenHold(
  db: Queryable,
  linkId: string,
  source: HoldSource,
  minutes: number,
  reason: HoldReason = 'mass-delete',
) {
  const { rows } = await db.query(
    `select ${COLUMNS} from delete_holds
     where link_id = $1 and source = $2 and status = 'held' and reason = $4
       and created_at > now() - make_interval(mins => $3)
     order by created_at desc limit 1 for update`,
    [linkId, source, minutes, reason],
  )
  return rows[0] ? toHold(rows[0]) : undefined
}

export async function getHold(db: Queryable, id: string, opts: { lock?: boolean } = {}) {
  const { rows } = await db.query(
    `select ${COLUMNS} from delete_holds where id = $1${opts.lock ? ' for update' : ''}`,
    [id],
  )
  return rows[0] ? toHold(rows[0]) : undefined
}

export async function listHolds(
  db: Queryable,
  f: { siteId: string; linkId?: string; status?: HoldStatus; limit?: number },
): Promise<DeleteHold[]> {
  const { rows } = await db.query(
    `select ${COLUMNS} from delete_holds
     where site_id = $1 and ($2::uuid is null or link_id = $2) and ($3::text is null or status = $3)
     order by created_at desc limit $4`,
    [f.siteId, f.linkId ?? null, f.status ?? null, f.limit ?? 100],
  )
  return rows.map(toHold)
}

/** Hub item ids of a link's holds in these states: what a run must skip, or may now delete. */
export async function heldHubItemIds(
  db: Queryable,
  linkId: string,
  status: HoldStatus,
): Promise<Set<string>> {
  const { rows } = await db.query<{ id: string }>(
    `select distinct e->>'hubItemId' as id from delete_holds h, jsonb_array_elements(h.items) e
     where h.link_id = $1 and h.status = $2`,
    [linkId, status],
  )
  return new Set(rows.map((r) => r.id))
}

/** How many items wait in the link's open holds (the link summary shows it). */
export async function countHeldItems(db: Queryable, linkId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select coalesce(sum(jsonb_array_length(items)), 0)::int as n from delete_holds
     where link_id = $1 and status = 'held'`,
    [linkId],
  )
  return rows[0]?.n ?? 0
}

export async function decideHold(db: Queryable, id: string, status: 'confirmed' | 'rejected', by: string) {
  await db.query(`update delete_holds set status = $2, decided_at = now(), decided_by = $3 where id = $1`, [
    id,
    status,
    by,
  ])
}

/** A restored item leaves every open hold: nothing is left to confirm about it. */
export async function releaseHeldItem(db: Queryable, hubItemId: string) {
  await db.query(
    `update delete_holds set items = (
       select coalesce(jsonb_agg(e), '[]'::jsonb) from jsonb_array_elements(items) e where e->>'hubItemId' <> $1
     )
     where status = 'held' and items @> jsonb_build_array(jsonb_build_object('hubItemId', $1::text))`,
    [hubItemId],
  )
  // A hold whose every item came back has nothing left to decide.
  await db.query(
    `update delete_holds set status = 'rejected', decided_at = now(), decided_by = 'restore'
     where status = 'held' and items = '[]'::jsonb`,
  )
}

/** Takes items out of a hold (they are decided on their own); the hold keeps the rest. */
export async function removeHeldItems(db: Queryable, id: string, hubItemIds: string[]) {
  await db.query(
    `update delete_holds set items = (
       select coalesce(jsonb_agg(e), '[]'::jsonb) from jsonb_array_elements(items) e
       where not (e->>'hubItemId' = any($2::text[]))
     ) where id = $1`,
    [id, hubItemIds],
  )
}
