import pg from 'pg'
import type { Logger } from 'pino'

export type Db = pg.Pool
export type Tx = pg.PoolClient
/** Anything a table module can query through: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>

export function createPool(connectionString: string, log: Logger, max = 10): Db {
  const pool = new pg.Pool({
    connectionString,
    max,
    application_name: 'bindery',
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  })
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (err) => log.warn({ err }, 'idle Postgres connection failed'))
  return pool
}

/** Runs `fn` in a transaction, committing on success and rolling back on any throw. */
export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const tx = await db.connect()
  try {
    await tx.query('begin')
    const result = await fn(tx)
    await tx.query('commit')
    return result
  } catch (err) {
    await tx.query('rollback').catch(() => {})
    throw err
  } finally {
    tx.release()
  }
}

/**
 * Runs `fn` inside a savepoint of the transaction `tx`: released on success, rolled back to (and the
 * error rethrown) on a throw, so one failing step does not undo the rest of its transaction.
 */
export async function inSavepoint<T>(tx: Queryable, name: string, fn: () => Promise<T>): Promise<T> {
  await tx.query(`savepoint ${name}`)
  try {
    const result = await fn()
    await tx.query(`release savepoint ${name}`)
    return result
  } catch (err) {
    await tx.query(`rollback to savepoint ${name}`)
    throw err
  }
}

/** A round trip to Postgres (the health check). */
export async function ping(db: Queryable) {
  await db.query('select 1')
}

/** Lets pg-boss write its job through our transaction's connection (enqueue inside the transaction). */
export function txAdapter(tx: Tx) {
  return { executeSql: (text: string, values?: unknown[]) => tx.query(text, values) }
}

/**
 * Runs `fn` while holding the session-level advisory lock `key` on a connection of its own, outside
 * the pool: jobs holding locks never starve the queries they run, and a crashed process's lock goes
 * with its connection. Undefined, without running `fn`, when another holds it.
 */
export async function withAdvisoryLock<T>(db: Db, key: string, fn: () => Promise<T>): Promise<T | undefined> {
  const client = new pg.Client({
    connectionString: db.options.connectionString,
    application_name: 'bindery-lock',
    connectionTimeoutMillis: 5_000,
  })
  // A lost connection loses the lock; the unlock below then fails quietly (the pool logs its own).
  client.on('error', () => {})
  await client.connect()
  try {
    const { rows } = await client.query<{ ok: boolean }>(
      'select pg_try_advisory_lock(hashtextextended($1, 0)) as ok',
      [key],
    )
    if (!rows[0]?.ok) return undefined
    try {
      return await fn()
    } finally {
      await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch(() => {})
    }
  } finally {
    await client.end().catch(() => {})
  }
}

/** Takes a transaction-level advisory lock (released at commit or rollback): serialises a critical section. */
export async function lockForTransaction(tx: Queryable, key: number) {
  await tx.query('select pg_advisory_xact_lock($1)', [key])
}
