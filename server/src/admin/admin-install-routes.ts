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
import type { AppContext } from '../context/app-context'
import { getInstallation, type Installation, listInstallations } from '../db/installations'
import { getSite, listSites, type SiteRow } from '../db/sites'
import { checkSite } from '../install/check-site'
import { notFound } from '../vocabulary/app-error'
import { uninstall } from './uninstall'

/** Install-side admin API under `/admin/api`: installations, sites, uninstall, webhook repair. */
export const adminInstallRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx
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
      const result = await uninstall(ctx, installation)
      return { ...result, installation: toAdminInstallation(result.installation) }
    },
  )

  app.post(
    '/sites/:siteId/webhooks/repair',
    { schema: { params: z.object({ siteId: z.string().min(1).max(64) }), response: { 200: WebhookHealth } } },
    async (req) => {
      const site = await getSite(db, req.params.siteId)
      if (!site) throw notFound('site')
      return checkSite(site, ctx)
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
