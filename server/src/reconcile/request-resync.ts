import type { ResyncAccepted } from '@bindery/shared/api/reconcile'
import { appendAudit } from '../db/audit-log'
import type { Link } from '../db/links'
import { inTransaction } from '../db/pool'
import { getSite } from '../db/sites'
import { AppError } from '../http/app-error'
import type { JobContext } from '../jobs/job-context'
import { txAdapter } from '../sync/mark-dirty'

/**
 * Queues "Sync now" or "Full resync" of a link and shows it at once: the link turns `syncing` with
 * its progress reset, in the same transaction as the job. A request while one is already queued
 * joins it.
 */
export async function requestResync(
  ctx: JobContext,
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
    const { rows } = await tx.query<{ at: Date }>(
      `update links set state = 'syncing', progress_done = 0, progress_total = 0, updated_at = now()
       where id = $1 returning now() as at`,
      [link.id],
    )
    await ctx.boss.send(
      'link-resync',
      { linkId: link.id, full },
      { singletonKey: link.id, db: txAdapter(tx) },
    )
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
    return { linkId: link.id, kind, queuedAt: rows[0]!.at.toISOString() }
  })
}
