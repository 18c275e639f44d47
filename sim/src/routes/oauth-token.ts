import type { FastifyInstance, FastifyReply } from 'fastify'
import type { SimContext } from '../context.ts'
import { issueOAuthToken } from '../tokens.ts'

// POST /oauth/access_token and /oauth/revoke_authorization (docs/webflow.md, OAuth). Bodies may be
// JSON or form-encoded; errors use OAuth's `{error, error_description}` shape, not Webflow's envelope.

type Body = Record<string, string | undefined>

const oauthError = (reply: FastifyReply, status: number, error: string, description: string) =>
  reply.code(status).send({ error, error_description: description })

export function oauthTokenRoutes(app: FastifyInstance, ctx: SimContext): void {
  const clientOk = (b: Body) => b.client_id === ctx.app.clientId && b.client_secret === ctx.app.clientSecret

  app.post<{ Body: Body }>('/oauth/access_token', async (req, reply) => {
    const b = req.body ?? {}
    if (!clientOk(b)) return oauthError(reply, 401, 'invalid_client', 'Invalid client_id or client_secret')
    if (b.grant_type !== 'authorization_code') {
      return oauthError(reply, 400, 'unsupported_grant_type', 'grant_type must be authorization_code')
    }
    const code = b.code ? ctx.store.codes.get(b.code) : undefined
    if (!code || code.used || code.expiresAt <= ctx.now() || code.clientId !== b.client_id) {
      return oauthError(reply, 400, 'invalid_grant', 'The code is invalid, expired or already used')
    }
    // redirect_uri must repeat the one sent to authorize, if one was sent.
    if (code.redirectUri !== null && b.redirect_uri !== code.redirectUri) {
      return oauthError(reply, 400, 'invalid_grant', 'redirect_uri does not match the authorization request')
    }
    code.used = true
    const token = issueOAuthToken(ctx, [code.workspaceId], code.scopes, undefined, code.siteIds)
    return { access_token: token.token, token_type: 'bearer', scope: code.scopes.join(' ') }
  })

  app.post<{ Body: Body }>('/oauth/revoke_authorization', async (req, reply) => {
    const b = req.body ?? {}
    if (!clientOk(b)) return oauthError(reply, 401, 'invalid_client', 'Invalid client_id or client_secret')
    const token = b.access_token ? ctx.store.tokens.get(b.access_token) : undefined
    if (token?.kind !== 'oauth' || token.revoked) {
      return oauthError(reply, 400, 'invalid_token', 'Unknown access_token')
    }
    token.revoked = true
    return { did_revoke: true }
  })
}
