import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../config'
import {
  CONSOLE_TTL_SECONDS,
  type ConsoleClaims,
  signConsoleToken,
  verifyConsoleToken,
} from '../crypto/console-token'
import { consoleSessionLive, deleteConsoleSession, insertConsoleSession } from '../db/console-sessions'
import type { Queryable } from '../db/pool'
import { AppError } from '../vocabulary/app-error'

/**
 * The support console's sign-in (README "Support console"): the admin token, typed once, is
 * exchanged for a 30-minute HttpOnly SameSite=Strict cookie holding a signed JWT. CSRF: the JWT
 * also carries a random token the console reads from the sign-in answer (or `GET
 * /console/api/session`) and sends back in `x-csrf-token` on every write; a cookie alone, as a
 * forged cross-site request would carry it, is refused. The cookie names a console_sessions row, so
 * signing out ends it everywhere at once.
 */
export const CONSOLE_COOKIE = 'bindery_console'
export const CSRF_HEADER = 'x-csrf-token'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export const cookieOptions = (config: Config) => ({
  httpOnly: true,
  sameSite: 'strict' as const,
  secure: config.publicUrl.startsWith('https:'),
  path: '/',
})

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** Signs in with the admin token; null when it is not the admin token. */
export async function startConsoleSession(db: Queryable, config: Config, adminToken: string) {
  if (!sameSecret(adminToken, config.adminToken)) return null
  const sid = randomBytes(18).toString('base64url')
  const csrf = randomBytes(24).toString('base64url')
  const { token, claims } = await signConsoleToken(config.sessionSecret, { sid, csrf })
  await insertConsoleSession(db, sid, new Date(claims.exp * 1000))
  return { token, claims }
}

/** The claims of a live console cookie, or why there are none. */
export async function readConsoleCookie(
  db: Queryable,
  config: Config,
  cookie: string,
): Promise<{ ok: true; claims: ConsoleClaims } | { ok: false; reason: 'invalid' | 'expired' }> {
  const check = await verifyConsoleToken(config.sessionSecret, cookie)
  if (!check.ok) return check
  if (!(await consoleSessionLive(db, check.claims.sid))) return { ok: false, reason: 'expired' }
  return check
}

export const endConsoleSession = (db: Queryable, claims: ConsoleClaims) =>
  deleteConsoleSession(db, claims.sid)

/** 401 for a cookie that no longer works; the console sends its user back to sign-in. */
export const sessionEnded = (reason: 'invalid' | 'expired') =>
  new AppError(
    401,
    'unauthorized',
    reason === 'expired'
      ? 'console session expired: sign in again'
      : 'console session invalid: sign in again',
  )

/** Writes need the CSRF token of the session that the cookie carries. */
export function checkCsrf(req: FastifyRequest, claims: ConsoleClaims) {
  if (SAFE_METHODS.has(req.method)) return
  const sent = req.headers[CSRF_HEADER]
  if (typeof sent !== 'string' || !sameSecret(sent, claims.csrf))
    throw new AppError(403, 'forbidden', `missing or wrong ${CSRF_HEADER} header`)
}

/**
 * The admin scope's door for the console: a request without an Authorization header but with the
 * console cookie is admitted when the cookie is live (and, on a write, the CSRF token matches).
 * Returns false when there is no cookie, so the bearer check decides.
 */
export async function admitConsoleCookie(
  db: Queryable,
  config: Config,
  req: FastifyRequest,
  _reply: FastifyReply,
) {
  const cookie = req.cookies?.[CONSOLE_COOKIE]
  if (req.headers.authorization || !cookie) return false
  const check = await readConsoleCookie(db, config, cookie)
  if (!check.ok) throw sessionEnded(check.reason)
  checkCsrf(req, check.claims)
  return true
}

export const CONSOLE_TTL_MS = CONSOLE_TTL_SECONDS * 1000
