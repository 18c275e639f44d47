import { SessionRequest, SessionResponse } from '@bindery/shared/api/session'
import { SiteParams, SiteStatus } from '@bindery/shared/api/site'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Config } from '../config'
import { signSession } from '../crypto/session-token'
import type { Db } from '../db/pool'
import { AppError, notFound } from '../http/app-error'
import { getInstallation } from '../install/installations-table'
import { notInstalled } from '../install/not-installed'
import { type WebflowDeps, webflowForSite } from '../install/site-client'
import { getSite } from '../install/sites-table'
import { WebflowApiError } from '../webflow/webflow-api-error'
import { assertSite } from './session-guard'

/** `POST /api/session` (ID token → session) and the panel's `GET /api/sites/:siteId`. */
export const sessionRoutes: FastifyPluginAsyncZod<{ config: Config; db: Db } & WebflowDeps> = async (
  app,
  { config, db, ...deps },
) => {
  app.post(
    '/api/session',
    { schema: { body: SessionRequest, response: { 200: SessionResponse } } },
    async (req) => {
      const { idToken, siteId } = req.body
      const site = await getSite(db, siteId)
      if (!site) throw notInstalled(config, siteId)
      // A revoked installation also answers not_installed (from webflowForSite).
      const api = await webflowForSite(db, config, siteId, deps, { allowPaused: true })
      let user: Awaited<ReturnType<typeof api.resolveIdToken>>
      try {
        user = await api.resolveIdToken(idToken)
      } catch (err) {
        // Webflow answers 401/403 for a forged, expired or foreign ID token.
        if (
          err instanceof WebflowApiError &&
          (err.status === 401 || err.status === 403 || err.status === 400)
        ) {
          throw new AppError(401, 'unauthorized', 'Webflow did not accept the ID token')
        }
        throw new AppError(502, 'webflow_error', 'Webflow could not check the ID token; try again')
      }
      if (user.siteId !== siteId) throw new AppError(403, 'forbidden', 'the ID token is for another site')
      // Webflow may answer null for the email and names: the session still opens.
      const name = [user.firstName, user.lastName].filter(Boolean).join(' ')
      const email = user.email ?? ''
      const { token, claims } = signSession(config.sessionSecret, { userId: user.id, siteId, email, name })
      return {
        token,
        expiresAt: new Date(claims.exp * 1000).toISOString(),
        user: { id: user.id, email, name },
        site: { id: site.id, displayName: site.displayName },
      }
    },
  )

  app.get(
    '/api/sites/:siteId',
    { schema: { params: SiteParams, response: { 200: SiteStatus } } },
    async (req) => {
      assertSite(req, req.params.siteId)
      const site = await getSite(db, req.params.siteId)
      if (!site) throw notFound('site')
      const installation = await getInstallation(db, site.installationId)
      return {
        id: site.id,
        displayName: site.displayName,
        shortName: site.shortName,
        paused: site.paused,
        webhookHealth: site.webhookHealth,
        installation: { id: site.installationId, status: installation?.status ?? 'revoked' },
      }
    },
  )
}
