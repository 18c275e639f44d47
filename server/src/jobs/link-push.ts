import type { QueuePayload } from '@bindery/shared/queues'
import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import { getLink, linkPublishesSite } from '../db/links'
import { withAdvisoryLock } from '../db/pool'
import { checkLinkSchema } from '../sync/check-link-schema'
import { pushLink } from '../sync/push-link'
import { reportSitePublishNeeded } from '../sync/site-publish-wait'
import { WebflowApiError } from '../webflow/webflow-api-error'

export const queue = 'link-push'

/**
 * Pushes a link's dirty items; a big backlog continues in the next job. Items waiting on a referenced
 * item are tried again shortly. A push that
 * changed Webflow asks for a site publish when the link has that option on.
 */
export async function handle(data: QueuePayload<typeof queue>, ctx: AppContext) {
  const link = await getLink(ctx.db, data.linkId)
  if (!link || link.disconnectedAt) return { skipped: 'no such link' }
  const wf = await ctx.webflow.forSite(link.siteId)
  // pg-boss runs one push of a link at a time, but a worker frozen past its heartbeat (a paused
  // container, a stopped VM) has its job handed to another and may thaw mid-push: two pushes would
  // both create the same items. The lock lives on the frozen worker's connection, so the second
  // waits its turn; a crashed worker's connection closes and frees it.
  const stats = await withAdvisoryLock(ctx.db, `push:${link.id}`, () =>
    pushLink(ctx, wf, link).catch(async (err) => {
      // A 404 for the collection: read the schema, which puts the link in error if it is gone.
      if (!WebflowApiError.notFound(err)) throw err
      const { collectionGone } = await checkLinkSchema(ctx.db, wf, link)
      if (!collectionGone) throw err
      return { created: 0, updated: 0, removed: 0, failed: 0, deferred: 0, more: false }
    }),
  )
  if (!stats) {
    await enqueue(ctx, queue, { linkId: link.id }, { startAfter: 5 })
    return { skipped: 'another process is pushing this link' }
  }
  if (stats.more) await enqueue(ctx, queue, { linkId: link.id })
  else if (stats.deferred) {
    await enqueue(ctx, queue, { linkId: link.id }, { startAfter: 5 })
  }
  const publishes = await linkPublishesSite(ctx.db, link.id)
  // A new collection waiting for its first site publish asks for one even when this push wrote nothing.
  const changed = stats.created + stats.updated + stats.removed > 0
  if (publishes && (changed || link.awaitingSitePublish)) {
    // One already waiting absorbs it.
    await enqueue(ctx, 'site-publish', { siteId: link.siteId })
  }
  await reportSitePublishNeeded(ctx.db, link, publishes)
  return stats
}
