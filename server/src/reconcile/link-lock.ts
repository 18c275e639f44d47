import type { Db } from '../db/pool'

/**
 * Runs `fn` while holding a per-link Postgres advisory lock, so two reconciles of one link (a
 * scheduled one and a resync, or two workers) never repair the same drift twice. The lock lives on
 * its own connection: a crashed worker's lock goes with its connection. Undefined when it is held.
 */
export async function withLinkLock<T>(db: Db, linkId: string, fn: () => Promise<T>): Promise<T | undefined> {
  const key = `reconcile:${linkId}`
  const client = await db.connect()
  try {
    const { rows } = await client.query<{ ok: boolean }>(
      'select pg_try_advisory_lock(hashtextextended($1, 0)) as ok',
      [key],
    )
    if (!rows[0]?.ok) return undefined
    try {
      return await fn()
    } finally {
      await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [key])
    }
  } finally {
    client.release()
  }
}
