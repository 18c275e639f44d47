import cors from '@fastify/cors'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { holdRoutes } from '../admin/hold-routes'
import { siteControlRoutes } from '../admin/site-control-routes'
import type { AppContext } from '../context/app-context'
import { panelApiKeyRoutes } from '../panel/api-key-routes'
import { conflictRoutes } from '../panel/conflict-routes'
import { linkRoutes } from '../panel/link-routes'
import { siteStatusRoutes } from '../panel/site-status-routes'
import { panelCors } from '../plugins/panel-cors'
import { designerAuth } from '../session/designer-auth'
import { markAudience } from './audience'

/**
 * The designer audience, mounted at `/api/sites/:siteId`: the panel, with a session bound to that
 * site (another site's session gets 403) and a role that allows the route (designer-auth.ts).
 * CORS answers the panel's preflights from EXTENSION_ORIGINS before the session check (a browser
 * sends no credentials on a preflight); any other OPTIONS meets the session check.
 */
export const designerScope: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (scope, { ctx }) => {
  markAudience(scope, 'designer')
  await scope.register(cors, panelCors(ctx.config.extensionOrigins))
  scope.decorateRequest('session', null)
  scope.addHook('onRequest', designerAuth(ctx.config.sessionSecret, ctx.db))
  // Lets the panel's preflights of `…/:siteId/…` reach the cors hook (its own route covers only
  // `…/:siteId`); anything that is not a preflight meets the session check first.
  scope.options('/*', async (_req, reply) => reply.callNotFound())
  await scope.register(siteStatusRoutes, { db: ctx.db, config: ctx.config })
  await scope.register(linkRoutes, { ctx })
  await scope.register(panelApiKeyRoutes, { db: ctx.db })
  await scope.register(conflictRoutes, { ctx })
  await scope.register(holdRoutes, { ctx })
  await scope.register(siteControlRoutes, { db: ctx.db, boss: ctx.boss })
}
