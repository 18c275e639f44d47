import { randomBytes } from 'node:crypto'
import { hmacBase64url, safeEqual } from '../crypto/hmac'
import type { Queryable } from '../db/pool'

/**
 * The OAuth `state`: a random nonce, an expiry and the popup flag, signed with SESSION_SECRET, so
 * /oauth/install stores nothing. Single use across processes comes from `consumeState`, which records
 * the nonce in `oauth_states` atomically.
 */
export const STATE_TTL_MS = 10 * 60_000

export type StatePayload = { n: string; exp: number; popup: boolean }
export type StateCheck = { ok: true; state: StatePayload } | { ok: false; reason: string }

export function createState(secret: string, popup: boolean, now = Date.now()): string {
  const payload: StatePayload = { n: randomBytes(16).toString('base64url'), exp: now + STATE_TTL_MS, popup }
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
  return `${body}.${hmacBase64url(secret, `oauth-state:${body}`)}`
}

/** Checks signature and expiry; does not consume. */
export function readState(secret: string, state: string | undefined, now = Date.now()): StateCheck {
  if (!state) return { ok: false, reason: 'The sign-in link is missing its state. Start the install again.' }
  const [body, sig, extra] = state.split('.')
  if (!body || !sig || extra !== undefined || !safeEqual(sig, hmacBase64url(secret, `oauth-state:${body}`))) {
    return { ok: false, reason: 'The install request could not be verified. Start the install again.' }
  }
  let payload: StatePayload
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as StatePayload
  } catch {
    return { ok: false, reason: 'The install request could not be verified. Start the install again.' }
  }
  if (typeof payload.exp !== 'number' || payload.exp <= now) {
    return { ok: false, reason: 'The install request expired (10 minutes). Start the install again.' }
  }
  return { ok: true, state: payload }
}

/** True the first time a nonce is consumed, false on every replay, whichever process sees it. */
export async function consumeState(db: Queryable, state: StatePayload): Promise<boolean> {
  // Expired nonces can go: their signed state no longer passes readState anyway.
  await db.query('delete from oauth_states where expires_at < now()')
  const r = await db.query(
    `insert into oauth_states (nonce, expires_at) values ($1, to_timestamp($2 / 1000.0))
     on conflict (nonce) do nothing`,
    [state.n, state.exp],
  )
  return r.rowCount === 1
}
