import type { QueuePayload } from '@bindery/shared/queues'
import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import { reconcileLink } from '../reconcile/reconcile-link'

export const queue = 'link-reconcile'

/**
 * Reconciles one link. A scheduled run finding another reconcile of the link under way just skips
 * (the next sweep comes); one asked for waits its turn.
 */
export async function handle(data: QueuePayload<typeof queue>, ctx: AppContext) {
  const result = await reconcileLink(ctx, data.linkId, data.trigger)
  if ('skipped' in result && result.skipped === 'busy' && data.trigger === 'manual') {
    await enqueue(ctx, queue, data, { startAfter: 10 })
  }
  return result
}
