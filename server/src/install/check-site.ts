import type { WebhookHealth } from '@bindery/shared/api/site'
import type { AppContext } from '../context/app-context'
import { getInstallation } from '../db/installations'
import type { SiteRow } from '../db/sites'
import { notInstalled } from '../webflow/not-installed'
import { SitePausedError } from '../webflow/site-paused'
import { ensureSiteWebhooks } from './register-webhooks'

/**
 * Checks and repairs one site's webhooks, recording its health: the `webhooks-check` job does it
 * for every site, the admin API for one.
 */
export async function checkSite(site: SiteRow, ctx: AppContext): Promise<WebhookHealth> {
  const installation = await getInstallation(ctx.db, site.installationId)
  if (installation?.status !== 'active') {
    throw notInstalled(ctx.config, site.id)
  }
  // The kill switch covers webhook repairs too; a held check runs again on resume.
  if (site.paused) throw new SitePausedError(site.id)
  const api = await ctx.webflow.forInstallation(installation)
  const health = await ensureSiteWebhooks(ctx.db, ctx.config, api, site.id)
  if (!health.ok) ctx.log.warn({ site: site.id, error: health.error }, 'webhook check failed')
  return health
}
