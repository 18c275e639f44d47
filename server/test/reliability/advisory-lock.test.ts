import { afterAll, describe, expect, it } from 'vitest'
import { closePool, createPool, type Db, withAdvisoryLock } from '../../src/db/pool'
import { silentLog } from '../helpers/test-context'
import { createTestDatabase } from '../helpers/test-database'

/** The connections of this database that hold an advisory lock now, from Postgres's side. */
const HOLDERS = `select pid from pg_locks where locktype = 'advisory' and granted
  and database = (select oid from pg_database where datname = current_database())`

/** The lock connections open on this database, idle or holding a lock. */
async function lockConnections(db: Db) {
  const { rows } = await db.query<{ pid: number }>(
    `select pid from pg_stat_activity where datname = current_database() and application_name = 'bindery-lock'`,
  )
  return rows.map((r) => r.pid)
}

describe('advisory locks of pushes and reconciles', async () => {
  const database = await createTestDatabase()
  // Two pools stand for two processes: nothing is shared between them but Postgres.
  const pools = [createPool(database.url, silentLog, 2), createPool(database.url, silentLog, 2)]
  afterAll(() => Promise.all(pools.map(closePool)))
  const [a, b] = pools as [Db, Db]

  it('lets one holder in at a time, across processes, and frees the key when it ends or throws', async () => {
    const ran: string[] = []
    let inside!: () => void
    const entered = new Promise<void>((r) => {
      inside = r
    })
    let leave!: () => void
    const held = withAdvisoryLock(a, 'push:one', async () => {
      inside()
      await new Promise<void>((r) => {
        leave = r
      })
      return 'first'
    })
    await entered
    expect(await withAdvisoryLock(b, 'push:one', async () => ran.push('second'))).toBeUndefined()
    // Another key is not held.
    expect(await withAdvisoryLock(b, 'push:two', async () => 'other')).toBe('other')
    leave()
    expect(await held).toBe('first')
    expect(ran).toEqual([])
    await expect(
      withAdvisoryLock(b, 'push:one', async () => {
        throw new Error('push failed')
      }),
    ).rejects.toThrow('push failed')
    expect(await withAdvisoryLock(a, 'push:one', async () => 'free again')).toBe('free again')
  })

  it('holds its locks on pooled connections, not on a new connection per lock', async () => {
    const holders = new Set<number>()
    for (let i = 0; i < 5; i++) {
      await withAdvisoryLock(a, `push:${i}`, async () => {
        const { rows } = await b.query<{ pid: number }>(HOLDERS)
        for (const r of rows) holders.add(r.pid)
      })
    }
    // One after another, the five locks were all held by the same connection.
    expect(holders.size).toBe(1)
    expect(await lockConnections(a)).toContain([...holders][0])
  })

  it('closes a connection whose unlock failed, so no stale lock is handed out again', async () => {
    // The lock's connection dies while the lock is held: its lock goes with it.
    const result = await withAdvisoryLock(a, 'push:dies', async () => {
      await b.query(`select pg_terminate_backend(pid) from (${HOLDERS}) holders`)
      return 'done'
    })
    expect(result).toBe('done')
    // The key is free, and the next lock works on a connection of its own.
    expect(await withAdvisoryLock(b, 'push:dies', async () => 'taken')).toBe('taken')
    expect(await withAdvisoryLock(a, 'push:dies', async () => 'taken again')).toBe('taken again')
  })
})
