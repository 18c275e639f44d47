import type { QueuePayload } from '@bindery/shared/queues'
import { WebhookDelivery } from '@bindery/shared/webflow'
import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import * as inbox from '../db/inbox'
import { inSavepoint, inTransaction } from '../db/pool'
import { recordItemsPulled, recordSyncLatency } from '../metrics/record-metrics'
import { applyDelivery } from '../sync/apply-delivery'

export const queue = 'inbox-process'

const BATCH = 100
export const MAX_ATTEMPTS = 5
// One run drains this many batches at most, then hands over to a fresh job.
const MAX_BATCHES = 50

/**
 * Applies pending inbox deliveries, exactly once in effect: rows are claimed with
 * `for update skip locked` (workers never share a row), and each row's effects and its new status
 * commit together (a savepoint per row, so one failing delivery does not undo its batch). A throw
 * marks the row failed and counts the attempt; `retryFailed` (the minute sweep) retries failed rows
 * with attempts left, once per run.
 */
export async function handle(data: QueuePayload<typeof queue>, ctx: AppContext) {
  const totals = { processed: 0, ignored: 0, failed: 0 }
  if (data.retryFailed) await runBatch(ctx, 'failed', totals)
  for (let i = 0; i < MAX_BATCHES; i++) {
    if ((await runBatch(ctx, 'pending', totals)) < BATCH) return totals
  }
  await enqueue(ctx, queue, {})
  return totals
}

async function runBatch(
  ctx: AppContext,
  status: 'pending' | 'failed',
  totals: { processed: number; ignored: number; failed: number },
): Promise<number> {
  // Received times of the item changes applied, counted once their batch commits.
  const applied: Date[] = []
  const claimed = await inTransaction(ctx.db, async (tx) => {
    const rows = await inbox.claim(tx, status, MAX_ATTEMPTS, BATCH)
    const stale = await inbox.settleEchoes(
      tx,
      rows.map((r) => r.id),
    )
    totals.processed += stale.size
    for (const row of rows.filter((r) => !stale.has(r.id))) {
      try {
        const { outcome, delivery } = await inSavepoint(tx, 'delivery', async () => {
          const delivery = WebhookDelivery.parse(row.payload)
          const outcome = await applyDelivery(tx, delivery, ctx)
          await inbox.markProcessed(tx, row.id, outcome)
          return { outcome, delivery }
        })
        totals[outcome]++
        if (outcome === 'processed' && delivery.triggerType.startsWith('collection_item'))
          applied.push(row.receivedAt)
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err)
        await inbox.markFailed(tx, row.id, message)
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
