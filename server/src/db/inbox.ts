import type { Queryable } from './pool'

/**
 * The `inbox` table: verified webhook deliveries, stored before anything acts on them (the pending
 * row is the outbox), applied by the inbox-process job, pruned after the retention.
 */

export const INBOX_CHANNEL = 'bindery_inbox'

export type InboxStatus = 'pending' | 'processed' | 'ignored' | 'failed'
export type NewDelivery = { dedupeKey: string; triggerType: string; siteId: string; body: string }
export type StoredDelivery = { dedupeKey: string; status: InboxStatus }

/**
 * Stores deliveries in one multi-row INSERT ... ON CONFLICT DO NOTHING, and notifies the listener
 * when any is pending (delivered only when the transaction commits). A site Bindery does not serve is
 * recorded as ignored. `body` is the raw JSON text: nothing is re-serialised. Returns the rows
 * stored (a duplicate key stores nothing).
 */
export async function record(tx: Queryable, rows: NewDelivery[]): Promise<StoredDelivery[]> {
  const { rows: inserted } = await tx.query<{ dedupe_key: string; status: InboxStatus }>(
    `insert into inbox (dedupe_key, trigger_type, site_id, status, payload)
     select i.dedupe_key, i.trigger_type, i.site_id,
            case when s.id is null then 'ignored' else 'pending' end, i.body::jsonb
     from unnest($1::text[], $2::text[], $3::text[], $4::text[]) with ordinality
          as i(dedupe_key, trigger_type, site_id, body, ord)
     left join sites s on s.id = i.site_id
     order by i.ord
     on conflict (dedupe_key) do nothing
     returning dedupe_key, status`,
    [
      rows.map((r) => r.dedupeKey),
      rows.map((r) => r.triggerType),
      rows.map((r) => r.siteId),
      rows.map((r) => r.body),
    ],
  )
  if (inserted.some((r) => r.status === 'pending')) await tx.query(`select pg_notify('${INBOX_CHANNEL}', '')`)
  return inserted.map((r) => ({ dedupeKey: r.dedupe_key, status: r.status }))
}

/** Subscribes a dedicated connection to the notifications `record` sends. */
export async function listen(client: Queryable) {
  await client.query(`listen ${INBOX_CHANNEL}`)
}

/**
 * Claims up to `limit` rows of a status with attempts left, `for update skip locked` (workers never
 * share a row). A paused site's deliveries wait, pending, until it is resumed (the kill switch holds
 * pulls too); so do those of a site whose token Webflow refuses, until a reinstall.
 */
export async function claim(
  tx: Queryable,
  status: 'pending' | 'failed',
  maxAttempts: number,
  limit: number,
): Promise<{ id: string; payload: unknown; receivedAt: Date }[]> {
  const { rows } = await tx.query<{ id: string; payload: unknown; received_at: Date }>(
    `select id, payload, received_at from inbox where status = $1 and attempts < $2
       and not exists (select 1 from sites s join installations i on i.id = s.installation_id
         where s.id = inbox.site_id and (s.paused or i.token_rejected_at is not null))
     order by id limit $3 for update skip locked`,
    [status, maxAttempts, limit],
  )
  return rows.map((r) => ({ id: r.id, payload: r.payload, receivedAt: r.received_at }))
}

/**
 * Echoes of Bindery's own writes and stale retries carry a `lastUpdated` no newer than what was
 * applied: settled in one statement, so a bulk push's thousands of echoes cost a query per batch.
 * A publish need not move `lastUpdated` (docs/webflow.md, Publishing items): a published event
 * settles here only when the item is recorded as published, an unpublished one never.
 */
export async function settleEchoes(tx: Queryable, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set()
  const { rows } = await tx.query<{ id: string }>(
    `update inbox i set status = 'processed', processed_at = now(), attempts = attempts + 1, error = null
     from item_links il join links l on l.id = il.link_id and l.disconnected_at is null
     where i.id = any($1::bigint[])
       and i.trigger_type not in ('collection_item_deleted', 'collection_item_unpublished')
       and (i.trigger_type <> 'collection_item_published' or il.webflow_state = 'published')
       and l.site_id = i.payload->'payload'->>'siteId'
       and l.webflow_collection_id = i.payload->'payload'->>'collectionId'
       and il.webflow_item_id = i.payload->'payload'->>'id'
       and il.webflow_last_updated >= (i.payload->'payload'->>'lastUpdated')::timestamptz
     returning i.id`,
    [ids],
  )
  return new Set(rows.map((r) => String(r.id)))
}

/**
 * The raw bodies of the item changes still pending for these Webflow items of a collection, oldest
 * `lastUpdated` first. Reads the pending rows through their partial index (`inbox_pending_idx`): a
 * scan of what waits in the inbox, not of its history.
 */
export async function pendingItemChanges(
  db: Queryable,
  siteId: string,
  collectionId: string,
  webflowItemIds: string[],
): Promise<unknown[]> {
  if (!webflowItemIds.length) return []
  const { rows } = await db.query<{ payload: unknown }>(
    `select payload from inbox
     where status = 'pending' and trigger_type = 'collection_item_changed' and site_id = $1
       and payload->'payload'->>'collectionId' = $2 and payload->'payload'->>'id' = any($3::text[])
     order by (payload->'payload'->>'lastUpdated')::timestamptz, id`,
    [siteId, collectionId, webflowItemIds],
  )
  return rows.map((r) => r.payload)
}

/** A delivery applied (`processed`) or found irrelevant (`ignored`). */
export async function markProcessed(tx: Queryable, id: string, outcome: 'processed' | 'ignored') {
  await tx.query(
    `update inbox set status = $2, processed_at = now(), attempts = attempts + 1, error = null
     where id = $1`,
    [id, outcome],
  )
}

/** A delivery that threw: counted as an attempt, retried by the sweep while attempts are left. */
export async function markFailed(tx: Queryable, id: string, message: string) {
  await tx.query(`update inbox set status = 'failed', attempts = attempts + 1, error = $2 where id = $1`, [
    id,
    message.slice(0, 2000),
  ])
}

/** Deletes processed or ignored rows older than the retention; returns how many went. */
export async function prune(db: Queryable, olderThanDays: number): Promise<number> {
  const r = await db.query(
    `delete from inbox where status in ('processed', 'ignored') and received_at < now() - make_interval(days => $1)`,
    [olderThanDays],
  )
  return r.rowCount ?? 0
}

/** When a site's deliveries last arrived, per trigger type (ms since the epoch). */
export async function lastReceivedByTrigger(db: Queryable, siteId: string): Promise<Map<string, number>> {
  const { rows } = await db.query<{ trigger_type: string; at: Date }>(
    'select trigger_type, max(received_at) as at from inbox where site_id = $1 group by trigger_type',
    [siteId],
  )
  return new Map(rows.map((r) => [r.trigger_type, r.at.getTime()]))
}

/** Deliveries of a site waiting to be applied (a paused site's wait here). */
export async function countPending(db: Queryable, siteId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from inbox where site_id = $1 and status = 'pending'`,
    [siteId],
  )
  return rows[0]!.n
}
