import type { RetryAccepted } from '@bindery/shared/api/links'
import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import { appendAudit } from '../db/audit-log'
import { retryFailed } from '../db/item-links'
import type { Link } from '../db/links'
import { inTransaction } from '../db/pool'
import { AppError } from '../vocabulary/app-error'

/**
 * Sends failed items of a link again: they turn pending and the push is queued in the same
 * transaction. `hubItemIds` undefined: every failed item of the link.
 */
export async function retryItems(
  ctx: AppContext,
  link: Link,
  hubItemIds: string[] | undefined,
  actor: string,
): Promise<RetryAccepted> {
  if (link.direction === 'pull-only')
    throw new AppError(409, 'invalid_state', 'this link does not write to Webflow (Webflow → hub)')
  return inTransaction(ctx.db, async (tx) => {
    const items = await retryFailed(tx, link.id, hubItemIds)
    if (items) {
      await enqueue(ctx, 'link-push', { linkId: link.id }, { tx })
      await appendAudit(tx, [
        {
          direction: 'admin',
          action: 'link.retry',
          siteId: link.siteId,
          subjectType: 'link',
          subjectId: link.id,
          after: { items, hubItemIds: hubItemIds ?? 'all failed' },
          actor,
        },
      ])
    }
    return { linkId: link.id, items, queuedAt: new Date().toISOString() }
  })
}
