import { randomBytes } from 'node:crypto'
import { errors, jwtVerify, SignJWT } from 'jose'
import { safeEqual } from '../crypto/hmac'
import { consumeNonce } from '../db/oauth-states'
import type { Queryable } from '../db/pool'

/**
 * The OAuth `state`: a JWT (jose, HS256 with SESSION_SECRET) carrying a random nonce, an expiry and
 * the popup flag, so /oauth/install stores nothing. The nonce is also set as a cookie in the browser
 * that started the install (`STATE_COOKIE`): a callback arriving in another browser (install CSRF:
 * an attacker's code pushed to a victim) is refused. Single use across processes comes from
 * `consumeState`, which records the nonce in `oauth_states` atomically.
 */
export const STATE_TTL_MS = 10 * 60_000
export const STATE_COOKIE = 'bindery_oauth_state'
const AUDIENCE = 'bindery:oauth-state'

export type StatePayload = { n: string; exp: number; popup: boolean }
export type StateCheck = { ok: true; state: StatePayload } | { ok: false; reason: string }

const key = (secret: string) => new TextEncoder().encode(secret)
const UNVERIFIED = 'The install request could not be verified. Start the install again.'

/** A signed state and the nonce the browser keeps in its cookie. */
export async function createState(
  secret: string,
  popup: boolean,
  now = Date.now(),
): Promise<{ state: string; nonce: string }> {
  const nonce = randomBytes(16).toString('base64url')
  const state = await new SignJWT({ n: nonce, popup })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(AUDIENCE)
    .setExpirationTime(Math.floor((now + STATE_TTL_MS) / 1000))
    .sign(key(secret))
  return { state, nonce }
}

/** Checks signature, expiry and that `cookie` (the browser's nonce) matches; does not consume. */
export async function readState(
  secret: string,
  state: string | undefined,
  cookie: string | undefined,
  now = Date.now(),
): Promise<StateCheck> {
  if (!state) return { ok: false, reason: 'The sign-in link is missing its state. Start the install again.' }
  let payload: StatePayload
  try {
    const checked = await jwtVerify(state, key(secret), {
      algorithms: ['HS256'],
      audience: AUDIENCE,
      currentDate: new Date(now),
    })
    const p = checked.payload as { n?: unknown; popup?: unknown; exp?: number }
    if (typeof p.n !== 'string' || typeof p.popup !== 'boolean') return { ok: false, reason: UNVERIFIED }
    payload = { n: p.n, popup: p.popup, exp: (p.exp ?? 0) * 1000 }
  } catch (err) {
    if (err instanceof errors.JWTExpired) {
      return { ok: false, reason: 'The install request expired (10 minutes). Start the install again.' }
    }
    return { ok: false, reason: UNVERIFIED }
  }
  if (!cookie || !safeEqual(cookie, payload.n)) {
    return {
      ok: false,
      reason:
        'This install was started in another browser (or its cookie was lost). Start the install again here.',
    }
  }
  return { ok: true, state: payload }
}

/** True the first time a nonce is consumed, false on every replay, whichever process sees it. */
export function consumeState(db: Queryable, state: StatePayload): Promise<boolean> {
  return consumeNonce(db, state.n, state.exp)
}
