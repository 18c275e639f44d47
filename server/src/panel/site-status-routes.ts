import { SiteParams, SiteStatus } from '@bindery/shared/api/site'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Config } from '../config'
import { credentialState } from '../db/installation-credentials'
import { getInstallation } from '../db/installations'
import type { Db } from '../db/pool'
import { getSite } from '../db/sites'
import { notFound } from '../vocabulary/app-error'

/** `GET /api/sites/:siteId`: the panel's view of its site (pause, webhooks, installation). */
export const siteStatusRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (
  app,
  { db, config },
) => {
  app.get('', { schema: { params: SiteParams, response: { 200: SiteStatus } } }, async (req) => {
    const site = await getSite(db, req.params.siteId)
    if (!site) throw notFound('site')
    const installation = await getInstallation(db, site.installationId)
    const credentials = await credentialState(db, site.installationId)
    return {
      id: site.id,
      displayName: site.displayName,
      shortName: site.shortName,
      paused: site.paused,
      webhookHealth: site.webhookHealth,
      installation: {
        id: site.installationId,
        status: installation?.status ?? 'revoked',
        needsReinstall: credentials?.needsReinstall ?? false,
        tokenRejectedAt: credentials?.rejectedAt?.toISOString() ?? null,
        // The same page the not-installed answer offers (webflow/not-installed.ts).
        installUrl: `${config.publicUrl}/oauth/install?popup=1`,
      },
    }
  })
}
