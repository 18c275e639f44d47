import helmet from '@fastify/helmet'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { consoleRoutes } from '../console/console-routes'
import { openApiDocs } from '../content/openapi'
import type { AppContext } from '../context/app-context'
import { oauthRoutes } from '../install/oauth-routes'
import { loadSandbox } from '../sandbox/load-sandbox'
import { sessionRoutes } from '../session/session-routes'
import { webhookRoutes } from '../webhooks/webhook-routes'
import { markAudience } from './audience'
import { healthRoutes } from './health-routes'

/**
 * The public audience: no credentials. Health, the OAuth install, Webflow's signed webhooks (the
 * signature is their credential), `POST /api/session` (the ID token is), the content API's docs,
 * and in sandbox mode the playground. The abusable ones are rate-limited (plugins/rate-limits.ts).
 */
export const publicScope: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (scope, { ctx }) => {
  markAudience(scope, 'public')
  const { config, db, boss } = ctx
  // Security headers on the HTML this scope serves (install pages, playground, docs). Each page
  // sets its own Content-Security-Policy; COOP stays off, or the install popup could not tell the
  // panel (its opener) that it finished.
  await scope.register(helmet, {
    contentSecurityPolicy: false,
    crossOriginOpenerPolicy: false,
    strictTransportSecurity: config.publicUrl.startsWith('https:'),
  })
  await scope.register(healthRoutes, { db, boss })
  await scope.register(oauthRoutes, { ctx })
  await scope.register(webhookRoutes, { config, db })
  await scope.register(sessionRoutes, { prefix: '/api/session', ctx })
  await scope.register(openApiDocs)
  // The support console's page and its sign-in; once signed in it calls the admin API.
  await scope.register(consoleRoutes, { config, db })
  // The Designer stand-in around the real extension build: only with the simulator.
  if (config.sandbox) await scope.register((await loadSandbox()).playgroundRoutes, { config, db })
}
