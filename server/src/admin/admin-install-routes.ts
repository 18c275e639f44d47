import {
  type AdminInstallation,
  AdminInstallationList,
  type AdminSite,
  AdminSiteList,
  UninstallResult,
} from '@bindery/shared/api/admin-installations'
import { WebhookHealth } from '@bindery/shared/api/site'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from '../config'
import { getInstallation, type Installation, listInstallations } from '../db/installations'
import type { Db } from '../db/pool'
import { getSite, listSites, type SiteRow } from '../db/sites'
import { notFound } from '../http/app-error'
import type { WebflowDeps } from '../install/site-client'
import { checkSite } from '../jobs/webhooks-check'
import { uninstall } from './uninstall'

/** Install-side admin API under `/admin/api`: installations, sites, uninstall, webhook repair. */
export const adminInstallRoutes: FastifyPluginAsyncZod<{ config: Config; db: Db } & WebflowDeps> = async (
  app,
  { config, db, ...deps },
) => {
  app.get('/installations', { schema: { response: { 200: AdminInstallationList } } }, async () => ({
    installations: (await listInstallations(db)).map(toAdminInstallation),
  }))

  app.get('/sites', { schema: { response: { 200: AdminSiteList } } }, async () => ({
    sites: (await listSites(db)).map(toAdminSite),
  }))

  app.post(
    '/installations/:id/uninstall',
    { schema: { params: z.object({ id: z.uuid() }), response: { 200: UninstallResult } } },
    async (req) => {
      const installation = await getInstallation(db, req.params.id)
      if (!installation) throw notFound('installation')
      const result = await uninstall(db, config, deps, installation)
      return { ...result, installation: toAdminInstallation(result.installation) }
    },
  )

  app.post(
    '/sites/:siteId/webhooks/repair',
    { schema: { params: z.object({ siteId: z.string().min(1).max(64) }), response: { 200: WebhookHealth } } },
    async (req) => {
      const site = await getSite(db, req.params.siteId)
      if (!site) throw notFound('site')
      return checkSite(site, { db, config, ...deps })
    },
  )
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

function toAdminInstallation(i: Installation): AdminInstallation {
  return {
    id: i.id,
    status: i.status,
    workspaceIds: i.workspaceIds,
    siteIds: i.siteIds,
    scopes: i.scopes,
    authorizedUser: i.authorizedUser,
    rateLimit: i.rateLimit,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    revokedAt: iso(i.revokedAt),
  }
}

function toAdminSite(s: SiteRow): AdminSite {
  return { ...s, webhooksCheckedAt: iso(s.webhooksCheckedAt) }
}
