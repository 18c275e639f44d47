import bearerAuth from '@fastify/bearer-auth'
import cookie from '@fastify/cookie'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { adminInstallRoutes } from '../admin/admin-install-routes'
import { consoleReadRoutes } from '../admin/console-read-routes'
import { deadLetterRoutes } from '../admin/dead-letter-routes'
import { holdRoutes } from '../admin/hold-routes'
import { runbookRoutes } from '../admin/runbook-routes'
import { siteControlRoutes } from '../admin/site-control-routes'
import { siteManagerRoutes } from '../admin/site-manager-routes'
import { alertRoutes } from '../alerts/alert-routes'
import { admitConsoleCookie } from '../console/console-session'
import { adminApiKeysRoutes } from '../content/admin-api-keys-routes'
import { rejectNulCharacters } from '../content/reject-nul'
import type { AppContext } from '../context/app-context'
import { metricSeriesRoutes } from '../metrics/series-routes'
import { conflictRoutes } from '../panel/conflict-routes'
import { linkRoutes } from '../panel/link-routes'
import { AppError } from '../vocabulary/app-error'
import { markAudience } from './audience'

/**
 * The admin audience, mounted at `/admin/api`: support and the CLI, with `Authorization: Bearer
 * ADMIN_TOKEN`, checked once here by @fastify/bearer-auth (constant-time compare) for every route,
 * or the support console's session cookie (+ CSRF header on writes), which the admin token bought.
 */
export const adminScope: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (scope, { ctx }) => {
  markAudience(scope, 'admin')
  await scope.register(cookie)
  await scope.register(bearerAuth, {
    keys: new Set([ctx.config.adminToken]),
    addHook: false,
    verifyErrorLogLevel: 'info',
  })
  scope.addHook('onRequest', async (req, reply) => {
    // The support console's cookie (console-session.ts) is the other way in; a request that
    // carries an Authorization header is judged by it alone.
    if (await admitConsoleCookie(ctx.db, ctx.config, req, reply)) return
    await new Promise<void>((resolve, reject) =>
      scope.verifyBearerAuth?.(req, reply, (err) =>
        err
          ? reject(new AppError(401, 'unauthorized', 'admin token required (Authorization: Bearer)'))
          : resolve(),
      ),
    )
  })
  scope.addHook('preValidation', rejectNulCharacters)
  const { db, boss, config } = ctx
  await scope.register(adminInstallRoutes, { ctx })
  await scope.register(deadLetterRoutes, { db, boss })
  await scope.register(adminApiKeysRoutes, { db })
  await scope.register(consoleReadRoutes, { ctx })
  await scope.register(runbookRoutes)
  await scope.register(metricSeriesRoutes, { db })
  await scope.register(alertRoutes, { db, config })
  await scope.register(
    async (site) => {
      await site.register(linkRoutes, { ctx })
      await site.register(conflictRoutes, { ctx })
      await site.register(siteControlRoutes, { db, boss })
      await site.register(siteManagerRoutes, { db })
      await site.register(holdRoutes, { ctx })
    },
    { prefix: '/sites/:siteId' },
  )
}
