import type { WebhookHealth } from '@bindery/shared/api/site'
import type { QueuePayload } from '@bindery/shared/queues'
import type { AppContext } from '../context/app-context'
import { getSite, listCheckableSites } from '../db/sites'
import { checkSite } from '../install/check-site'

export const queue = 'webhooks-check'

/**
 * Checks and repairs the webhooks of one site or of every site Bindery serves (not paused, active
 * installation), recording each site's health. A site that fails does not stop the others.
 */
export async function handle(data: QueuePayload<typeof queue>, ctx: AppContext) {
  const sites = data.siteId
    ? [await getSite(ctx.db, data.siteId)].filter((s) => !!s)
    : await listCheckableSites(ctx.db)
  const results: Record<string, WebhookHealth> = {}
  for (const site of sites) results[site.id] = await checkSite(site, ctx)
  return { sites: Object.keys(results).length, unhealthy: Object.values(results).filter((h) => !h.ok).length }
}
