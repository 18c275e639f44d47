import type { FastifyRequest } from 'fastify'
import { type SessionRole, verifySession } from '../crypto/session-token'
import type { Queryable } from '../db/pool'
import { sessionEpochOf } from '../db/sites'
import { AppError } from '../vocabulary/app-error'

/** The designer a request acts for, from its session token. */
export type Session = {
  userId: string
  siteId: string
  email: string
  name: string
  role: SessionRole
  epoch: number
  /** When the session ends (ms since the epoch). */
  expiresAt: number
}

/** What a designer route needs: reading, changing sync, or managing the site's API keys. */
export type Permission = 'read' | 'edit' | 'manage'

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null
  }
  interface FastifyContextConfig {
    /** Unset: `read` for GET/HEAD, `edit` otherwise. */
    permission?: Permission
    /** EventSource cannot send headers: this route also takes the session as `?token=`. */
    sessionInQuery?: boolean
  }
}

const REASONS = {
  malformed: 'the session token is malformed',
  bad_signature: 'the session token is not valid',
  expired: 'the session expired; ask the panel for a new one',
}
const GRANTS: Record<SessionRole, Permission[]> = {
  viewer: ['read'],
  editor: ['read', 'edit'],
  manager: ['read', 'edit', 'manage'],
}
const unauthorized = (message: string) => new AppError(401, 'unauthorized', message)

/**
 * The `onRequest` hook of the designer scope (`/api/sites/:siteId`, registered once in `app.ts`):
 * a valid session (`Authorization: Bearer`) or 401; for the URL's site or 403; still current (the
 * site is installed and its session epoch has not moved: uninstall ends sessions) or 401; and a
 * role that grants the route's permission or 403. Sets `req.session`.
 */
export function designerAuth(secret: string, db: Queryable) {
  return async (req: FastifyRequest) => {
    const token = bearer(req.headers.authorization) ?? queryToken(req)
    if (!token) throw unauthorized('a session token is required (Authorization: Bearer)')
    const checked = await verifySession(secret, token)
    if (!checked.ok) throw unauthorized(REASONS[checked.reason])
    const c = checked.claims
    const siteId = (req.params as { siteId?: unknown }).siteId
    if (c.siteId !== siteId) throw new AppError(403, 'forbidden', 'this session is for another site')
    if ((await sessionEpochOf(db, c.siteId)) !== c.epoch) {
      throw unauthorized('this session has ended (Bindery was uninstalled or reinstalled); sign in again')
    }
    const config = req.routeOptions.config
    const needed = config.permission ?? (req.method === 'GET' || req.method === 'HEAD' ? 'read' : 'edit')
    if (!GRANTS[c.role].includes(needed)) {
      throw new AppError(403, 'forbidden', `your role on this site (${c.role}) may not ${needed} here`)
    }
    req.session = {
      userId: c.sub,
      siteId: c.siteId,
      email: c.email,
      name: c.name,
      role: c.role,
      epoch: c.epoch,
      expiresAt: c.exp * 1000,
    }
  }
}

function bearer(header: string | undefined): string | undefined {
  const match = header ? /^Bearer ([^\s]+)$/i.exec(header) : null
  return match?.[1]
}

function queryToken(req: FastifyRequest): string | undefined {
  if (!req.routeOptions.config.sessionInQuery) return undefined
  const token = (req.query as { token?: unknown } | undefined)?.token
  return typeof token === 'string' && token ? token : undefined
}

/** The request's session; throws 401 when the route is not in the designer scope (a bug, loudly). */
export function requireSession(req: FastifyRequest): Session {
  if (!req.session) throw unauthorized('a session token is required')
  return req.session
}
