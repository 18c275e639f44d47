import type { ResyncAccepted } from '@bindery/shared/api/reconcile'
import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import { appendAudit } from '../db/audit-log'
import { type Link, markResyncing } from '../db/links'
import { inTransaction } from '../db/pool'
import { getSite } from '../db/sites'
import { AppError } from '../vocabulary/app-error'

/**
 * Queues "Sync now" or "Full resync" of a link and shows it at once: the link turns `syncing` with
 * its progress reset, in the same transaction as the job. A request while one is already queued
 * joins it.
 */
export async function requestResync(
  ctx: AppContext,
  link: Link,
  full: boolean,
  by: string,
): Promise<ResyncAccepted> {
  if (link.state === 'paused') throw new AppError(409, 'invalid_state', 'the link is paused: resume it first')
  if (link.state === 'connecting') throw new AppError(409, 'invalid_state', 'the link is still connecting')
  if ((await getSite(ctx.db, link.siteId))?.paused) {
    throw new AppError(409, 'invalid_state', 'the site is paused: resume it first')
  }
  const kind = full ? 'full' : 'sync-now'
  return inTransaction(ctx.db, async (tx) => {
    const at = await markResyncing(tx, link.id)
    await enqueue(ctx, 'link-resync', { linkId: link.id, full }, { tx })
    await appendAudit(tx, [
      {
        direction: 'admin',
        action: `link.resync.${kind}`,
        siteId: link.siteId,
        subjectType: 'link',
        subjectId: link.id,
        after: { full, by },
      },
    ])
    return { linkId: link.id, kind, queuedAt: at.toISOString() }
  })
}
