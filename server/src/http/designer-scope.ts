import cors from '@fastify/cors'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { holdRoutes } from '../admin/hold-routes'
import { siteControlRoutes } from '../admin/site-control-routes'
import type { JobContext } from '../jobs/job-context'
import { panelApiKeyRoutes } from '../panel/api-key-routes'
import { conflictRoutes } from '../panel/conflict-routes'
import { linkRoutes } from '../panel/link-routes'
import { siteStatusRoutes } from '../panel/site-status-routes'
import { designerAuth } from '../session/designer-auth'
import { markAudience } from './audience'

/**
 * The designer audience, mounted at `/api/sites/:siteId`: the panel, with a session bound to that
 * site (another site's session gets 403) and a role that allows the route (designer-auth.ts).
 * CORS answers the panel's preflights from EXTENSION_ORIGINS before the session check (a browser
 * sends no credentials on a preflight); any other OPTIONS meets the session check.
 */
export const designerScope: FastifyPluginAsyncZod<{ jobs: JobContext; origins: string[] }> = async (
  scope,
  { jobs, origins },
) => {
  markAudience(scope, 'designer')
  await scope.register(cors, panelCors(origins))
  scope.decorateRequest('session', null)
  scope.addHook('onRequest', designerAuth(jobs.config.sessionSecret, jobs.db))
  // Lets the panel's preflights of `…/:siteId/…` reach the cors hook (its own route covers only
  // `…/:siteId`); anything that is not a preflight meets the session check first.
  scope.options('/*', async (_req, reply) => reply.callNotFound())
  await scope.register(siteStatusRoutes, { db: jobs.db, config: jobs.config })
  await scope.register(linkRoutes, { jobs })
  await scope.register(panelApiKeyRoutes, { db: jobs.db })
  await scope.register(conflictRoutes, { jobs })
  await scope.register(holdRoutes, { jobs })
  await scope.register(siteControlRoutes, { db: jobs.db, boss: jobs.boss })
}

/** CORS for the Designer panel: exactly the EXTENSION_ORIGINS; anything else gets no CORS at all. */
export function panelCors(origins: string[]) {
  const allowed = new Set(origins)
  return {
    origin: (origin: string | undefined, done: (err: Error | null, allow: boolean) => void) =>
      done(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    credentials: false,
    maxAge: 600,
  }
}
