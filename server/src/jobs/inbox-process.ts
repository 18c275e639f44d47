import type { QueuePayload } from '@bindery/shared/queues'
import { WebhookDelivery } from '@bindery/shared/webflow'
import { inTransaction, type Tx } from '../db/pool'
import { recordItemsPulled, recordSyncLatency } from '../metrics/record'
import { applyDelivery } from '../sync/apply-delivery'
import type { JobContext } from './job-context'

export const queue = 'inbox-process'

const BATCH = 100
export const MAX_ATTEMPTS = 5
// One run drains this many batches at most, then hands over to a fresh job.
const MAX_BATCHES = 50

type Row = { id: string; payload: unknown; received_at: Date }

/**
 * Applies pending inbox deliveries, exactly once in effect: rows are claimed with
 * `for update skip locked` (workers never share a row), and each row's effects and its new status
 * commit together (a savepoint per row, so one failing delivery does not undo its batch). A throw
 * marks the row failed and counts the attempt; `retryFailed` (the minute sweep) retries failed rows
 * with attempts left, once per run.
 */
export async function handle(data: QueuePayload<typeof queue>, ctx: JobContext) {
  const totals = { processed: 0, ignored: 0, failed: 0 }
  if (data.retryFailed) await runBatch(ctx, 'failed', totals)
  for (let i = 0; i < MAX_BATCHES; i++) {
    if ((await runBatch(ctx, 'pending', totals)) < BATCH) return totals
  }
  await ctx.boss.send(queue, {}, { singletonKey: 'inbox' })
  return totals
}

async function runBatch(
  ctx: JobContext,
  status: 'pending' | 'failed',
  totals: { processed: number; ignored: number; failed: number },
): Promise<number> {
  // Received times of the item changes applied, counted once their batch commits.
  const applied: Date[] = []
  const claimed = await inTransaction(ctx.db, async (tx) => {
    const { rows } = await tx.query<Row>(
      // A paused site's deliveries wait, pending, until it is resumed (the kill switch holds pulls too);
      // so do those of a site whose token Webflow refuses, until a reinstall.
      `select id, payload, received_at from inbox where status = $1 and attempts < $2
         and not exists (select 1 from sites s join installations i on i.id = s.installation_id
           where s.id = inbox.site_id and (s.paused or i.token_rejected_at is not null))
       order by id limit $3 for update skip locked`,
      [status, MAX_ATTEMPTS, BATCH],
    )
    const stale = await settleStale(
      tx,
      rows.map((r) => r.id),
    )
    totals.processed += stale.size
    for (const row of rows.filter((r) => !stale.has(r.id))) {
      await tx.query('savepoint delivery')
      try {
        const delivery = WebhookDelivery.parse(row.payload)
        const outcome = await applyDelivery(tx, delivery, ctx)
        await tx.query(
          `update inbox set status = $2, processed_at = now(), attempts = attempts + 1, error = null
           where id = $1`,
          [row.id, outcome],
        )
        await tx.query('release savepoint delivery')
        totals[outcome]++
        if (outcome === 'processed' && delivery.triggerType.startsWith('collection_item'))
          applied.push(row.received_at)
      } catch (err) {
        await tx.query('rollback to savepoint delivery')
        const message = err instanceof Error ? err.message : String(err)
        await tx.query(
          `update inbox set status = 'failed', attempts = attempts + 1, error = $2 where id = $1`,
          [row.id, message.slice(0, 2000)],
        )
        ctx.log.warn({ inbox: row.id, err }, 'inbox delivery failed')
        totals.failed++
      }
    }
    return rows.length
  })
  recordItemsPulled(applied.length)
  for (const at of applied) recordSyncLatency('pull', (Date.now() - at.getTime()) / 1000)
  return claimed
}

/**
 * Echoes of Bindery's own writes and stale retries carry a `lastUpdated` no newer than what was
 * applied: settled in one statement, so a bulk push's thousands of echoes cost a query per batch.
 * A publish need not move `lastUpdated` (docs/webflow.md, Publishing items): a published event
 * settles here only when the item is recorded as published, an unpublished one never.
 */
async function settleStale(tx: Tx, ids: string[]): Promise<Set<string>> {
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
