import { createHmac, timingSafeEqual } from 'node:crypto'

/** What a designer session carries: one Webflow user on one site. */
export type SessionClaims = {
  sub: string
  siteId: string
  email: string
  name: string
  iat: number
  exp: number
}
export type SessionCheck =
  | { ok: true; claims: SessionClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' }

export const SESSION_TTL_SECONDS = 30 * 60
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')

/** An HS256 JWT signed with SESSION_SECRET; `now` in ms. */
export function signSession(
  secret: string,
  who: { userId: string; siteId: string; email: string; name: string },
  now = Date.now(),
): { token: string; claims: SessionClaims } {
  const iat = Math.floor(now / 1000)
  const claims: SessionClaims = {
    sub: who.userId,
    siteId: who.siteId,
    email: who.email,
    name: who.name,
    iat,
    exp: iat + SESSION_TTL_SECONDS,
  }
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`
  return { token: `${body}.${mac(secret, body).toString('base64url')}`, claims }
}

export function verifySession(secret: string, token: string, now = Date.now()): SessionCheck {
  const parts = token.split('.')
  if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'malformed' }
  const got = Buffer.from(parts[2]!, 'base64url')
  const want = mac(secret, `${parts[0]}.${parts[1]}`)
  if (got.length !== want.length || !timingSafeEqual(got, want)) return { ok: false, reason: 'bad_signature' }
  let claims: SessionClaims
  try {
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as SessionClaims
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  if (typeof claims.exp !== 'number' || typeof claims.siteId !== 'string' || typeof claims.sub !== 'string')
    return { ok: false, reason: 'malformed' }
  if (claims.exp * 1000 <= now) return { ok: false, reason: 'expired' }
  return { ok: true, claims }
}

function mac(secret: string, data: string): Buffer {
  return createHmac('sha256', secret).update(data).digest()
}
