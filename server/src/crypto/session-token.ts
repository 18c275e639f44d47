import { errors, jwtVerify, SignJWT } from 'jose'

/**
 * What a designer may do on its site (README "Security"): `viewer` reads, `editor` also changes
 * links and sync, `manager` also creates and revokes content API keys.
 */
export type SessionRole = 'viewer' | 'editor' | 'manager'

/** What a designer session carries: one Webflow user on one site, in one session epoch. */
export type SessionClaims = {
  sub: string
  siteId: string
  email: string
  name: string
  role: SessionRole
  /** The site's session epoch at issue time; the session ends when the site's epoch moves on. */
  epoch: number
  iat: number
  exp: number
}
export type SessionCheck =
  | { ok: true; claims: SessionClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' }

export type SessionSubject = {
  userId: string
  siteId: string
  email: string
  name: string
  role: SessionRole
  epoch: number
}

export const SESSION_TTL_SECONDS = 30 * 60
const ALG = 'HS256'
const AUDIENCE = 'bindery:designer'
const ROLES = new Set<unknown>(['viewer', 'editor', 'manager'])

const key = (secret: string) => new TextEncoder().encode(secret)

/** An HS256 JWT (jose) signed with SESSION_SECRET; `now` in ms. */
export async function signSession(
  secret: string,
  who: SessionSubject,
  now = Date.now(),
): Promise<{ token: string; claims: SessionClaims }> {
  const iat = Math.floor(now / 1000)
  const claims: SessionClaims = {
    sub: who.userId,
    siteId: who.siteId,
    email: who.email,
    name: who.name,
    role: who.role,
    epoch: who.epoch,
    iat,
    exp: iat + SESSION_TTL_SECONDS,
  }
  const token = await new SignJWT({
    siteId: who.siteId,
    email: who.email,
    name: who.name,
    role: who.role,
    epoch: who.epoch,
  })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(who.userId)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(claims.exp)
    .sign(key(secret))
  return { token, claims }
}

export async function verifySession(secret: string, token: string, now = Date.now()): Promise<SessionCheck> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: [ALG],
      audience: AUDIENCE,
      currentDate: new Date(now),
      clockTolerance: 0,
    })
    const p = payload as Partial<SessionClaims>
    if (
      typeof p.sub !== 'string' ||
      typeof p.siteId !== 'string' ||
      typeof p.email !== 'string' ||
      typeof p.name !== 'string' ||
      typeof p.epoch !== 'number' ||
      !ROLES.has(p.role) ||
      typeof p.exp !== 'number'
    ) {
      return { ok: false, reason: 'malformed' }
    }
    return { ok: true, claims: p as SessionClaims }
  } catch (err) {
    if (err instanceof errors.JWTExpired) return { ok: false, reason: 'expired' }
    if (err instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'bad_signature' }
    return { ok: false, reason: 'malformed' }
  }
}
