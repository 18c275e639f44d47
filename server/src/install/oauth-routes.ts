import cookie from '@fastify/cookie'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppContext } from '../context/app-context'
import { LIMITS, perIp } from '../plugins/rate-limits'
import { WebflowApiError } from '../webflow/webflow-api-error'
import { completeInstall, redirectUri } from './complete-install'
import { errorPage, PAGE_HEADERS, successPage } from './install-pages'
import { consumeState, createState, readState, STATE_COOKIE, STATE_TTL_MS } from './oauth-state'

/** What Bindery asks Webflow for (docs/webflow.md, Authentication and scopes); no asset scopes: images go by URL. */
export const OAUTH_SCOPES = ['sites:read', 'sites:write', 'cms:read', 'cms:write', 'authorized_user:read']

const CallbackQuery = z.object({
  code: z.string().max(512).optional(),
  state: z.string().max(1024).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
})

/** `GET /oauth/install` → Webflow's authorize page; `GET /oauth/callback` ← Webflow, with a code. */
export const oauthRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { config, db } = ctx
  const installUrl = `${config.publicUrl}/oauth/install`
  await app.register(cookie)
  const cookieOptions = {
    httpOnly: true,
    // Lax: sent on the top-level redirect back from Webflow, never on a cross-site subrequest.
    sameSite: 'lax' as const,
    secure: config.publicUrl.startsWith('https:'),
    path: '/oauth',
  }

  app.get(
    '/oauth/install',
    {
      schema: { querystring: z.object({ popup: z.enum(['0', '1']).optional() }) },
      config: perIp(LIMITS.installPerIp),
    },
    async (req, reply) => {
      const url = new URL(`${config.webflow.authUrl}/oauth/authorize`)
      url.searchParams.set('response_type', 'code')
      url.searchParams.set('client_id', config.webflow.clientId)
      url.searchParams.set('redirect_uri', redirectUri(config))
      url.searchParams.set('scope', OAUTH_SCOPES.join(' '))
      const { state, nonce } = await createState(config.sessionSecret, req.query.popup === '1')
      url.searchParams.set('state', state)
      return reply
        .setCookie(STATE_COOKIE, nonce, { ...cookieOptions, maxAge: STATE_TTL_MS / 1000 })
        .header('cache-control', 'no-store')
        .redirect(url.toString(), 302)
    },
  )

  app.get(
    '/oauth/callback',
    { schema: { querystring: CallbackQuery }, config: perIp(LIMITS.installPerIp) },
    async (req, reply) => {
      const fail = (status: number, message: string) =>
        reply.code(status).headers(PAGE_HEADERS).send(errorPage(message, installUrl))
      const q = req.query
      const checked = await readState(config.sessionSecret, q.state, req.cookies[STATE_COOKIE])
      if (!checked.ok) return fail(400, checked.reason)
      if (q.error) return fail(400, `Webflow did not authorize Bindery: ${q.error_description ?? q.error}.`)
      if (!q.code) return fail(400, 'Webflow sent no authorization code. Start the install again.')
      if (!(await consumeState(db, checked.state))) {
        return fail(400, 'This install link was already used. Start the install again.')
      }
      reply.clearCookie(STATE_COOKIE, cookieOptions)
      try {
        const outcome = await completeInstall(ctx, q.code)
        return reply.headers(PAGE_HEADERS).send(
          successPage({
            sites: outcome.sites,
            origins: config.extensionOrigins,
            webhooksOk: outcome.sites.every((s) => s.webhooks.ok),
          }),
        )
      } catch (err) {
        if (err instanceof WebflowApiError && err.status >= 400 && err.status < 500) {
          req.log.info({ code: err.code, status: err.status }, 'OAuth install refused by Webflow')
          const message =
            err.code === 'invalid_grant'
              ? 'The authorization code is invalid, expired or was already used.'
              : `Webflow refused the install (${err.code}).`
          return fail(400, `${message} Start the install again.`)
        }
        req.log.error({ err }, 'OAuth install failed')
        return fail(502, 'Bindery could not reach Webflow to finish the install. Try again in a moment.')
      }
    },
  )
}
