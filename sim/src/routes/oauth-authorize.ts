import type { FastifyInstance, FastifyReply } from 'fastify'
import type { SimContext } from '../context.ts'
import { randomHex } from '../ids.ts'

// GET /oauth/authorize (docs/webflow.md, OAuth). Nobody clicks "Authorize" in a simulator, so by default
// the first workspace is approved at once; SIM_CONSENT=1 (option consent) shows a page instead.

export const codeTtlMs = 15 * 60_000

type AuthorizeQuery = Record<string, string | undefined>

const oauthError = (reply: FastifyReply, status: number, error: string, description: string) =>
  reply.code(status).send({ error, error_description: description })

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

export function authorizeRoutes(app: FastifyInstance, ctx: SimContext): void {
  const approve = (
    reply: FastifyReply,
    q: AuthorizeQuery,
    redirectUri: string,
    scopes: string[],
    ws: string,
  ) => {
    const code = randomHex(32)
    ctx.store.codes.set(code, {
      code,
      clientId: ctx.app.clientId,
      redirectUri: q.redirect_uri ?? null,
      scopes,
      workspaceId: ws,
      siteIds: grantedSites(q, ws),
      userId: ctx.store.workspaceOwners.get(ws) ?? '',
      expiresAt: ctx.now() + codeTtlMs,
      used: false,
    })
    const target = new URL(redirectUri)
    target.searchParams.set('code', code)
    if (q.state !== undefined) target.searchParams.set('state', q.state)
    return reply.redirect(target.toString(), 302)
  }

  /**
   * Under `grantScope: site` the user grants one site: the `site_id` query parameter (the simulator's
   * stand-in for the site picker) or the workspace's first site.
   */
  const grantedSites = (q: AuthorizeQuery, ws: string): string[] => {
    if (ctx.config.grantScope === 'workspace') return []
    const sites = [...ctx.store.sites.values()].filter((s) => s.workspaceId === ws)
    const chosen = sites.find((s) => s.id === q.site_id) ?? sites[0]
    return chosen ? [chosen.id] : []
  }

  type Failure = { status: number; error: string; description: string }
  const fail = (status: number, error: string, description: string): Failure => ({
    status,
    error,
    description,
  })

  /** Validates the request; a Failure is answered as OAuth's `{error, error_description}`. */
  const check = (q: AuthorizeQuery) => {
    if (q.client_id !== ctx.app.clientId) return fail(400, 'invalid_client', 'Unknown client_id')
    const registered = ctx.app.redirectUris
    let redirectUri = q.redirect_uri
    if (registered.length > 0) {
      if (redirectUri === undefined && registered.length === 1) redirectUri = registered[0]
      if (redirectUri === undefined || !registered.includes(redirectUri)) {
        return fail(400, 'invalid_request', 'redirect_uri does not match the app settings')
      }
    } else if (!redirectUri || !/^https?:\/\//.test(redirectUri)) {
      return fail(400, 'invalid_request', 'redirect_uri is required')
    }
    if (q.response_type !== 'code') {
      return fail(400, 'unsupported_response_type', 'response_type must be code')
    }
    const scopes = (q.scope ?? '').split(/[\s+,]+/).filter(Boolean)
    const extra = scopes.filter((s) => !ctx.app.scopes.includes(s))
    if (scopes.length === 0 || extra.length > 0) {
      return fail(400, 'invalid_scope', `Scopes not allowed for this app: ${extra.join(' ')}`)
    }
    const ws = [...ctx.store.workspaces.keys()][0]
    if (!ws) return fail(400, 'invalid_request', 'The simulator has no workspace to authorize')
    return { redirectUri: redirectUri as string, scopes, ws }
  }

  app.get<{ Querystring: AuthorizeQuery }>('/oauth/authorize', async (req, reply) => {
    const ok = check(req.query)
    if ('error' in ok) return oauthError(reply, ok.status, ok.error, ok.description)
    if (!ctx.config.consent) return approve(reply, req.query, ok.redirectUri, ok.scopes, ok.ws)
    const hidden = Object.entries(req.query)
      .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v ?? '')}">`)
      .join('')
    const workspaces = [...ctx.store.workspaces.values()]
      .map(
        (w) =>
          `<label><input type="radio" name="workspace" value="${w.id}" checked> ${escapeHtml(w.displayName)}</label>`,
      )
      .join('<br>')
    reply.type('text/html')
    return `<!doctype html><title>Authorize ${escapeHtml(ctx.app.displayName)}</title>
<h1>${escapeHtml(ctx.app.displayName)} wants access</h1><p>Scopes: ${escapeHtml(ok.scopes.join(', '))}</p>
<form method="post" action="/oauth/authorize">${hidden}${workspaces}<br><button type="submit">Authorize</button></form>`
  })

  app.post<{ Body: AuthorizeQuery }>('/oauth/authorize', async (req, reply) => {
    const q = req.body ?? {}
    const ok = check(q)
    if ('error' in ok) return oauthError(reply, ok.status, ok.error, ok.description)
    const ws = q.workspace && ctx.store.workspaces.has(q.workspace) ? q.workspace : ok.ws
    return approve(reply, q, ok.redirectUri, ok.scopes, ws)
  })
}
