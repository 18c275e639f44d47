import { errors, jwtVerify, SignJWT } from 'jose'

/** A support console sign-in: short, renewed by signing in again (README "Support console"). */
export const CONSOLE_TTL_SECONDS = 30 * 60
const ALG = 'HS256'
// Its own audience: a designer session token (bindery:designer) is never a console cookie.
const AUDIENCE = 'bindery:console'

export type ConsoleClaims = {
  /** The console_sessions row: signing out deletes it. */
  sid: string
  /** The CSRF token the console sends back in `x-csrf-token` on every write. */
  csrf: string
  exp: number
}
export type ConsoleCheck = { ok: true; claims: ConsoleClaims } | { ok: false; reason: 'invalid' | 'expired' }

const key = (secret: string) => new TextEncoder().encode(secret)

/** An HS256 JWT (jose) signed with SESSION_SECRET, carried in the HttpOnly console cookie. */
export async function signConsoleToken(
  secret: string,
  c: { sid: string; csrf: string },
  now = Date.now(),
): Promise<{ token: string; claims: ConsoleClaims }> {
  const iat = Math.floor(now / 1000)
  const exp = iat + CONSOLE_TTL_SECONDS
  const token = await new SignJWT({ csrf: c.csrf })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(c.sid)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key(secret))
  return { token, claims: { sid: c.sid, csrf: c.csrf, exp } }
}

export async function verifyConsoleToken(
  secret: string,
  token: string,
  now = Date.now(),
): Promise<ConsoleCheck> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: [ALG],
      audience: AUDIENCE,
      currentDate: new Date(now),
      clockTolerance: 0,
    })
    if (
      typeof payload.sub !== 'string' ||
      typeof payload.csrf !== 'string' ||
      typeof payload.exp !== 'number'
    )
      return { ok: false, reason: 'invalid' }
    return { ok: true, claims: { sid: payload.sub, csrf: payload.csrf, exp: payload.exp } }
  } catch (err) {
    return { ok: false, reason: err instanceof errors.JWTExpired ? 'expired' : 'invalid' }
  }
}
