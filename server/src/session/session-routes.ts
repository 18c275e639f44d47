import { SessionRequest, SessionResponse } from '@bindery/shared/api/session'
import cors from '@fastify/cors'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppContext } from '../context/app-context'
import { type SessionRole, signSession } from '../crypto/session-token'
import { installationForSite } from '../db/installations'
import { isSiteManager } from '../db/site-managers'
import { getSite, sessionEpochOf } from '../db/sites'
import { panelCors } from '../plugins/panel-cors'
import { LIMITS, limitBy, perIp } from '../plugins/rate-limits'
import { AppError } from '../vocabulary/app-error'
import { notInstalled } from '../webflow/not-installed'
import { WebflowApiError } from '../webflow/webflow-api-error'
import { IdTokenGuard, looksLikeIdToken, resolutionGate } from './id-token-guard'

const refused = () => new AppError(401, 'unauthorized', 'Webflow did not accept the ID token')

/**
 * `POST /api/session` (mounted at `/api/session`, public): the panel trades a Webflow ID token for
 * a session on one site. Anonymous callers reach it, so everything cheap is checked before the
 * site's Webflow token is spent (id-token-guard.ts), and it is rate-limited per IP and per site.
 */
export const sessionRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { config, db } = ctx
  await app.register(cors, panelCors(config.extensionOrigins))
  const guard = new IdTokenGuard()
  const perSite = limitBy(app, LIMITS.sessionPerSite, (req) => `site:${(req.body as SessionRequest).siteId}`)
  const resolver = { gate: resolutionGate(ctx.webflow.gate) }

  app.post(
    '',
    {
      schema: { body: SessionRequest, response: { 200: SessionResponse } },
      config: perIp(LIMITS.sessionPerIp),
      preHandler: (req, reply) => perSite(req, reply),
    },
    async (req, reply) => {
      const { idToken, siteId, canEdit } = req.body
      if (!looksLikeIdToken(idToken) || guard.refusedRecently(idToken)) throw refused()
      const site = await getSite(db, siteId)
      const installation = site && (await installationForSite(db, siteId))
      if (!site || !installation) throw notInstalled(config, siteId)
      const budget = guard.take(installation.id)
      if (!budget.ok) {
        reply.header('retry-after', budget.retryAfterSeconds)
        throw new AppError(429, 'rate_limited', 'too many sign-ins on this site; retry shortly')
      }
      const api = await ctx.webflow.forInstallation(installation, resolver)
      let user: Awaited<ReturnType<typeof api.resolveIdToken>>
      try {
        user = await api.resolveIdToken(idToken)
      } catch (err) {
        // Webflow answers 400/401/403 for a forged, expired or foreign ID token.
        if (err instanceof WebflowApiError && [400, 401, 403].includes(err.status)) {
          guard.rememberRefused(idToken)
          throw refused()
        }
        throw new AppError(502, 'webflow_error', 'Webflow could not check the ID token; try again')
      }
      if (user.siteId !== siteId) throw new AppError(403, 'forbidden', 'the ID token is for another site')
      const epoch = await sessionEpochOf(db, siteId)
      if (epoch === null) throw notInstalled(config, siteId)
      const role: SessionRole = !canEdit
        ? 'viewer'
        : (await isSiteManager(db, siteId, user.id))
          ? 'manager'
          : 'editor'
      // Webflow may answer null for the email and names: the session still opens.
      const name = [user.firstName, user.lastName].filter(Boolean).join(' ')
      const email = user.email ?? ''
      const { token, claims } = await signSession(config.sessionSecret, {
        userId: user.id,
        siteId,
        email,
        name,
        role,
        epoch,
      })
      return {
        token,
        expiresAt: new Date(claims.exp * 1000).toISOString(),
        role,
        user: { id: user.id, email, name },
        site: { id: site.id, displayName: site.displayName },
      }
    },
  )
}
