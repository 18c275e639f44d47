import type { TokenIntrospect } from '@bindery/shared/webflow'
import type { FastifyInstance } from 'fastify'
import { requireScope, tokenOf } from '../access.ts'
import type { SimContext } from '../context.ts'
import { forbidden, notAuthorized, validationError } from '../errors.ts'
import type { RateLimiter } from '../rate-limit.ts'
import { iso, isoOrNull } from '../serialize.ts'

/** Token info endpoints (docs/webflow.md, Grants and tokens) and the hybrid-app ID token resolve (ID token resolve). */
export function tokenRoutes(app: FastifyInstance, ctx: SimContext, limiter: RateLimiter): void {
  app.get('/v2/token/introspect', async (req): Promise<TokenIntrospect> => {
    const token = tokenOf(req)
    return {
      authorization: {
        id: token.id,
        createdOn: iso(token.createdOn),
        lastUsed: isoOrNull(token.lastUsed),
        grantType: token.kind === 'oauth' ? 'authorization_code' : 'site_token',
        rateLimit: limiter.limitFor(token),
        scope: [...token.scopes].join(','),
        authorizedTo: {
          siteIds: ctx.store.sitesOf(token).map((s) => s.id),
          // A site-scoped grant names its sites only. [unconfirmed]
          workspaceIds: token.kind === 'oauth' && token.siteIds.length === 0 ? [...token.workspaceIds] : [],
          userIds: [token.userId],
        },
      },
      application:
        token.kind === 'oauth'
          ? { id: ctx.app.clientId, description: null, homepage: null, displayName: ctx.app.displayName }
          : null,
    }
  })

  app.get('/v2/token/authorized_by', async (req) => {
    const token = requireScope(req, 'authorized_user:read')
    const user = ctx.store.users.get(token.userId)
    if (!user) throw notAuthorized()
    return { ...user }
  })

  app.post('/beta/token/resolve', async (req) => {
    const token = requireScope(req, 'authorized_user:read')
    if (token.kind !== 'oauth') throw forbidden('Resolving ID tokens requires a Data Client app token')
    const idToken = (req.body as { idToken?: unknown } | undefined)?.idToken
    if (typeof idToken !== 'string' || idToken === '') {
      throw validationError([{ param: 'idToken', description: 'Field is required' }])
    }
    const rec = ctx.store.idTokens.get(idToken)
    if (!rec || rec.expiresAt <= ctx.now()) throw notAuthorized()
    const site = ctx.store.sites.get(rec.siteId)
    if (!site || !ctx.store.canReach(token, site)) throw notAuthorized()
    return { ...rec.user, siteId: rec.siteId }
  })
}
