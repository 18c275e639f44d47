import bearerAuth from '@fastify/bearer-auth'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { adminInstallRoutes } from '../admin/admin-install-routes'
import { deadLetterRoutes } from '../admin/dead-letter-routes'
import { holdRoutes } from '../admin/hold-routes'
import { siteControlRoutes } from '../admin/site-control-routes'
import { siteManagerRoutes } from '../admin/site-manager-routes'
import { alertRoutes } from '../alerts/alert-routes'
import type { AppDeps } from '../app'
import { adminApiKeysRoutes } from '../content/admin-api-keys-routes'
import { rejectNulCharacters } from '../content/reject-nul'
import type { JobContext } from '../jobs/job-context'
import { metricSeriesRoutes } from '../metrics/series-routes'
import { conflictRoutes } from '../panel/conflict-routes'
import { linkRoutes } from '../panel/link-routes'
import { markAudience } from './audience'
import { envelope } from './error-handler'

/**
 * The admin audience, mounted at `/admin/api`: support and the CLI, with `Authorization: Bearer
 * ADMIN_TOKEN`, checked once here by @fastify/bearer-auth (constant-time compare) for every route.
 */
export const adminScope: FastifyPluginAsyncZod<{ deps: AppDeps; jobs: JobContext }> = async (
  scope,
  { deps, jobs },
) => {
  markAudience(scope, 'admin')
  await scope.register(bearerAuth, {
    keys: new Set([deps.config.adminToken]),
    // The plugin's type wants `{ error: string }`; our envelope is the body every client expects.
    errorResponse: (() => envelope('unauthorized', 'admin token required (Authorization: Bearer)')) as never,
    verifyErrorLogLevel: 'info',
  })
  scope.addHook('preValidation', rejectNulCharacters)
  const { db, boss, config, gate, breaker, log } = jobs
  await scope.register(adminInstallRoutes, { config, db, gate, breaker, log })
  await scope.register(deadLetterRoutes, { db, boss })
  await scope.register(adminApiKeysRoutes, { db })
  await scope.register(metricSeriesRoutes, { db })
  await scope.register(alertRoutes, { db, config })
  await scope.register(
    async (site) => {
      await site.register(linkRoutes, { jobs })
      await site.register(conflictRoutes, { jobs })
      await site.register(siteControlRoutes, { db, boss })
      await site.register(siteManagerRoutes, { db })
      await site.register(holdRoutes, { jobs })
    },
    { prefix: '/sites/:siteId' },
  )
}
