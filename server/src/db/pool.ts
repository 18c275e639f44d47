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
 * The connections advisory locks are held on, one pool per database pool and apart from it: jobs
 * holding locks never starve the queries they run. Pooled, so a push does not open a connection of
 * its own (under load that was several round trips before an edit's push could start, issue 17).
 * Its size bounds the locks a process holds at once, far above what its workers run.
 */
const lockPools = new WeakMap<Db, pg.Pool>()
const LOCK_CONNECTIONS = 100

function lockPoolOf(db: Db): pg.Pool {
  let pool = lockPools.get(db)
  if (!pool) {
    pool = new pg.Pool({
      connectionString: db.options.connectionString,
      max: LOCK_CONNECTIONS,
      application_name: 'bindery-lock',
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
    })
    // A lost idle connection held no lock; the next lock opens another. A lost connection in use
    // loses its lock, and its unlock then fails (withAdvisoryLock): neither may crash the process.
    pool.on('error', () => {})
    pool.on('connect', (client) => client.on('error', () => {}))
    lockPools.set(db, pool)
  }
  return pool
}

/** Closes a pool made by `createPool`, and the connections its advisory locks were held on. */
export async function closePool(db: Db) {
  await lockPools.get(db)?.end()
  lockPools.delete(db)
  await db.end()
}

/**
 * Runs `fn` while holding the session-level advisory lock `key` on a connection outside `db`'s pool
 * (`lockPoolOf`); a crashed process's lock goes with its connection. Undefined, without running
 * `fn`, when another holds it. A connection whose unlock failed is closed, never reused.
 */
export async function withAdvisoryLock<T>(db: Db, key: string, fn: () => Promise<T>): Promise<T | undefined> {
  const client = await lockPoolOf(db).connect()
  // Whether the connection is known to hold no lock: only then does it go back to the pool.
  let clean = false
  try {
    const { rows } = await client.query<{ ok: boolean }>(
      'select pg_try_advisory_lock(hashtextextended($1, 0)) as ok',
      [key],
    )
    if (!rows[0]?.ok) {
      clean = true
      return undefined
    }
    try {
      return await fn()
    } finally {
      const unlock = await client
        .query<{ ok: boolean }>('select pg_advisory_unlock(hashtextextended($1, 0)) as ok', [key])
        .catch(() => undefined)
      clean = unlock?.rows[0]?.ok === true
    }
  } finally {
    // Released with an error, the connection is closed, and any lock it held goes with it.
    client.release(clean ? undefined : true)
  }
}

/** Takes a transaction-level advisory lock (released at commit or rollback): serialises a critical section. */
export async function lockForTransaction(tx: Queryable, key: number) {
  await tx.query('select pg_advisory_xact_lock($1)', [key])
}
