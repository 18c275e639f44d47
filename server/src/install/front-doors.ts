import { adminInstallRoutes } from '../admin/admin-install-routes'
import type { App, AppDeps } from '../app'
import { installApiCors } from '../session/api-cors'
import { installSessionGuard } from '../session/session-guard'
import { sessionRoutes } from '../session/session-routes'
import { webhookRoutes } from '../webhooks/webhook-routes'
import { oauthRoutes } from './oauth-routes'

/**
 * The backend's front doors: OAuth install, signed webhooks, designer sessions (with the `/api`
 * guard and CORS) and the install-side admin API. Registered before any other route so the
 * session guard, a root hook, covers every `/api` route added later.
 */
export async function registerFrontDoors(app: App, deps: AppDeps) {
  const { config, db, gate, breaker, log } = deps
  installSessionGuard(app, config.sessionSecret)
  await installApiCors(app, config.extensionOrigins)
  await app.register(oauthRoutes, { config, db, gate, breaker, log })
  await app.register(webhookRoutes, { config, db })
  await app.register(sessionRoutes, { config, db, gate, breaker, log })
  await app.register(adminInstallRoutes, { config, db, gate, breaker, log })
}
