import type { QueuePayload } from '@bindery/shared/queues'
import { getLink } from '../db/links'
import { webflowForSite } from '../install/site-client'
import { pushLink } from '../sync/push-link'
import type { JobContext } from './job-context'

export const queue = 'link-push'

/** Pushes a link's dirty items. Items waiting on a referenced item are tried again shortly. */
export async function handle(data: QueuePayload<typeof queue>, ctx: JobContext) {
  const link = await getLink(ctx.db, data.linkId)
  if (!link || link.disconnectedAt) return { skipped: 'no such link' }
  const wf = await webflowForSite(ctx.db, ctx.config, link.siteId, ctx)
  const stats = await pushLink(ctx, wf, link.id)
  if (stats.deferred) {
    await ctx.boss.send(queue, { linkId: link.id }, { singletonKey: link.id, startAfter: 5 })
  }
  return stats
}
