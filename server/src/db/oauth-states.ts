import type { Queryable } from './pool'

/** The `oauth_states` table: install nonces already consumed, until they expire. */

/** True the first time a nonce is consumed, false on every replay, whichever process sees it. */
export async function consumeNonce(db: Queryable, nonce: string, expiresAtMs: number): Promise<boolean> {
  // Expired nonces can go: their signed state no longer passes readState anyway.
  await db.query('delete from oauth_states where expires_at < now()')
  const r = await db.query(
    `insert into oauth_states (nonce, expires_at) values ($1, to_timestamp($2 / 1000.0))
     on conflict (nonce) do nothing`,
    [nonce, expiresAtMs],
  )
  return r.rowCount === 1
}
