import type { FastifyInstance, FastifyRequest } from 'fastify'
import { verifySession } from '../crypto/session-token'
import { AppError } from '../http/app-error'

/** The designer a request acts for, from its session token. */
export type Session = { userId: string; siteId: string; email: string; name: string }

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null
  }
}

// `/api/session` issues sessions; the content API (`/api/v1`) authenticates with API keys.
const isSessionRoute = (url: string) =>
  url.startsWith('/api/') &&
  !url.startsWith('/api/v1/') &&
  url !== '/api/v1' &&
  !/^\/api\/session(\?|$)/.test(url)

const REASONS = {
  malformed: 'the session token is malformed',
  bad_signature: 'the session token is not valid',
  expired: 'the session expired; ask the panel for a new one',
}

/**
 * Guards every `/api` route of the app (on the root instance, so no route can forget it): a valid
 * `Authorization: Bearer <session>` or 401; then, for routes with a `:siteId` param, the session's
 * site or 403. Sets `req.session`. Install before registering the routes.
 */
export function installSessionGuard(app: FastifyInstance, secret: string) {
  app.decorateRequest('session', null)
  app.addHook('onRequest', async (req) => {
    if (req.method === 'OPTIONS' || !isSessionRoute(req.url)) return
    const header = req.headers.authorization ?? eventStreamToken(req.url)
    const match = header ? /^Bearer ([^\s]+)$/i.exec(header) : null
    if (!match) throw new AppError(401, 'unauthorized', 'a session token is required (Authorization: Bearer)')
    const checked = verifySession(secret, match[1]!)
    if (!checked.ok) throw new AppError(401, 'unauthorized', REASONS[checked.reason])
    const c = checked.claims
    req.session = { userId: c.sub, siteId: c.siteId, email: c.email, name: c.name }
  })
  app.addHook('preHandler', async (req) => {
    const siteId = (req.params as { siteId?: unknown } | undefined)?.siteId
    if (req.session && typeof siteId === 'string') assertSite(req, siteId)
  })
}

/** EventSource cannot send headers: the event-stream routes take the session as `?token=`. */
function eventStreamToken(url: string): string | undefined {
  const [path, query] = url.split('?')
  const token = path?.endsWith('/events') ? new URLSearchParams(query).get('token') : null
  return token ? `Bearer ${token}` : undefined
}

/** The request's session; throws 401 when the route is not behind the guard (a bug, loudly). */
export function requireSession(req: FastifyRequest): Session {
  if (!req.session) throw new AppError(401, 'unauthorized', 'a session token is required')
  return req.session
}

/** 403 unless the session belongs to `siteId`: a designer's session reaches only its own site. */
export function assertSite(req: FastifyRequest, siteId: string): Session {
  const session = requireSession(req)
  if (session.siteId !== siteId) throw new AppError(403, 'forbidden', 'this session is for another site')
  return session
}
