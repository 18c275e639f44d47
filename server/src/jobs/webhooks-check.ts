import type { WebhookHealth } from '@bindery/shared/api/site'
import type { QueuePayload } from '@bindery/shared/queues'
import { getInstallation } from '../db/installations'
import { getSite, listCheckableSites, type SiteRow } from '../db/sites'
import { notInstalled } from '../install/not-installed'
import { ensureSiteWebhooks } from '../install/register-webhooks'
import { webflowForInstallation } from '../install/site-client'
import { SitePausedError } from '../reliability/site-paused'
import type { JobContext } from './job-context'

export const queue = 'webhooks-check'

/**
 * Checks and repairs the webhooks of one site or of every site Bindery serves (not paused, active
 * installation), recording each site's health. A site that fails does not stop the others.
 */
export async function handle(data: QueuePayload<typeof queue>, ctx: JobContext) {
  const sites = data.siteId
    ? [await getSite(ctx.db, data.siteId)].filter((s) => !!s)
    : await listCheckableSites(ctx.db)
  const results: Record<string, WebhookHealth> = {}
  for (const site of sites) results[site.id] = await checkSite(site, ctx)
  return { sites: Object.keys(results).length, unhealthy: Object.values(results).filter((h) => !h.ok).length }
}

export async function checkSite(
  site: SiteRow,
  ctx: Pick<JobContext, 'db' | 'config' | 'log' | 'gate'> & Partial<Pick<JobContext, 'breaker'>>,
): Promise<WebhookHealth> {
  const installation = await getInstallation(ctx.db, site.installationId)
  if (installation?.status !== 'active') {
    throw notInstalled(ctx.config, site.id)
  }
  // The kill switch covers webhook repairs too; a held check runs again on resume.
  if (site.paused) throw new SitePausedError(site.id)
  const api = await webflowForInstallation(ctx.db, ctx.config, installation, ctx)
  const health = await ensureSiteWebhooks(ctx.db, ctx.config, api, site.id)
  if (!health.ok) ctx.log.warn({ site: site.id, error: health.error }, 'webhook check failed')
  return health
}
