import { ConnectRequest, LinkParams, UpdateLinkRequest } from '@bindery/shared/api/links'
import { SyncPlan } from '@bindery/shared/api/plans'
import { ResyncRequest } from '@bindery/shared/api/reconcile'
import { SiteParams } from '@bindery/shared/api/site'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppContext } from '../context/app-context'
import type { Link } from '../db/links'
import { planConnect, planFields, planResync } from '../reconcile/dry-run'

/**
 * Dry-run plans before Connect, Change fields and Full resync (or Sync now). Nothing is written on
 * either side, so reading is enough (a viewer sees what would happen). Registered by the link routes:
 * the panel and the admin API (and the CLI's `resync --dry-run`) share them.
 */
export const planRoutes: FastifyPluginAsyncZod<{
  ctx: AppContext
  linkOf: (siteId: string, linkId: string) => Promise<Link>
}> = async (app, { ctx, linkOf }) => {
  const config = { permission: 'read' as const }
  app.post(
    '/plans/connect',
    { config, schema: { params: SiteParams, body: ConnectRequest, response: { 200: SyncPlan } } },
    async (req) => planConnect(ctx, req.params.siteId, req.body),
  )
  app.post(
    '/links/:linkId/plans/fields',
    { config, schema: { params: LinkParams, body: UpdateLinkRequest, response: { 200: SyncPlan } } },
    async (req) => planFields(ctx, await linkOf(req.params.siteId, req.params.linkId), req.body),
  )
  app.post(
    '/links/:linkId/plans/resync',
    {
      config,
      schema: { params: LinkParams, body: ResyncRequest.nullish(), response: { 200: SyncPlan } },
    },
    async (req) => planResync(ctx, await linkOf(req.params.siteId, req.params.linkId), !!req.body?.full),
  )
}
