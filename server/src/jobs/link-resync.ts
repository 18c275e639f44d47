import type { QueuePayload } from '@bindery/shared/queues'
import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import { hasPushPending } from '../db/item-links'
import { reconcileLink } from '../reconcile/reconcile-link'

export const queue = 'link-resync'

// "Sync now" waits this many times (2 s apart) for the pending push before reconciling anyway
// (items waiting on a reference can stay dirty for a while).
const MAX_WAITS = 15

/**
 * "Sync now": push what is pending, then reconcile. The push runs as its own job (never two pushes
 * of one link at once), so this job queues it and comes back once nothing is pending.
 * "Full resync": re-apply every Webflow item, then re-push every hub item (see `reconcileLink`).
 */
export async function handle(data: QueuePayload<typeof queue>, ctx: AppContext) {
  const again = (startAfter: number, waits = data.waits) =>
    enqueue(ctx, queue, { ...data, waits }, { startAfter })
  if (!data.full && data.waits < MAX_WAITS && (await hasPushPending(ctx.db, data.linkId))) {
    await enqueue(ctx, 'link-push', { linkId: data.linkId })
    await again(2, data.waits + 1)
    return { waiting: 'push' }
  }
  const result = await reconcileLink(ctx, data.linkId, data.full ? 'full' : 'sync-now')
  if ('skipped' in result && result.skipped === 'busy') await again(10)
  return result
}
