import type { QueuePayload } from '@bindery/shared/queues'
import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import { siteWantsCustomDomains } from '../db/links'
import { inTransaction, type Queryable } from '../db/pool'
import { markSitePublished, secondsUntilPublishAllowed } from '../db/sites'
import { finishAfterSitePublish } from '../sync/site-publish-wait'
import { WebflowApiError } from '../webflow/webflow-api-error'
import type { WebflowApi } from '../webflow/webflow-client'

export const queue = 'site-publish'

/** Webflow publishes a site at most once a minute. */
const SPACING_SECONDS = 60

/**
 * Publishes a site, at least a minute after its previous publish by Bindery: a publish asked for
 * sooner waits in the queue, and the pushes that ask meanwhile coalesce into it. Webflow's own 429
 * (the Designer published within the minute) defers it for `Retry-After`. The webflow.io subdomain is
 * always published, the custom domains per the links' setting.
 */
export async function handle(data: QueuePayload<typeof queue>, ctx: AppContext) {
  const wait = await secondsUntilPublishAllowed(ctx.db, data.siteId, SPACING_SECONDS)
  if (wait === null) return { skipped: 'no such site' }
  if (wait > 0) {
    await enqueue(ctx, queue, { siteId: data.siteId }, { startAfter: Math.ceil(wait) })
    return { deferred: wait }
  }
  const wf = await ctx.webflow.forSite(data.siteId)
  // Claimed before the call: a publish whose answer is lost still counts for the spacing.
  await markSitePublished(ctx.db, data.siteId)
  try {
    await wf.publishSite(data.siteId, await customDomainIds(ctx.db, wf, data.siteId))
  } catch (err) {
    if (!(err instanceof WebflowApiError && err.status === 429)) throw err
    await enqueue(
      ctx,
      queue,
      { siteId: data.siteId },
      { startAfter: Math.ceil(err.retryAfterSeconds ?? SPACING_SECONDS) },
    )
    return { deferred: err.retryAfterSeconds ?? SPACING_SECONDS }
  }
  // Bindery's own publish counts even when Webflow sends no site_publish event back.
  await inTransaction(ctx.db, (tx) => finishAfterSitePublish(tx, ctx.boss, data.siteId))
  return { published: data.siteId }
}

/**
 * The custom domains to publish besides the webflow.io subdomain: all of the site's, when a link
 * that publishes the site wants them (the default). Webflow publishes a custom domain only when its
 * id is sent (docs/webflow.md, Site publish and domains).
 */
async function customDomainIds(db: Queryable, wf: WebflowApi, siteId: string): Promise<string[]> {
  if (!(await siteWantsCustomDomains(db, siteId))) return []
  const { customDomains } = await wf.listCustomDomains(siteId)
  return customDomains.map((d) => d.id)
}
