import type { QueuePayload } from '@bindery/shared/queues'
import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import { listDueForReconcile } from '../db/links'

export const queue = 'reconcile-due'

/**
 * Queues a scheduled reconcile for every link whose last reconcile (or creation) is older than
 * `reconcileIntervalMinutes`: live links of sites that are not paused. Runs every minute; the
 * per-link singleton keeps a slow reconcile from being queued twice.
 */
export async function handle(_data: QueuePayload<typeof queue>, ctx: AppContext) {
  const due = await listDueForReconcile(ctx.db, ctx.config.reconcileIntervalMinutes)
  let queued = 0
  for (const id of due) {
    const job = await enqueue(ctx, 'link-reconcile', { linkId: id, trigger: 'scheduled' })
    if (job) queued++
  }
  return { due: due.length, queued }
}
