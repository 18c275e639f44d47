import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Logger } from 'pino'
import type { Db } from './pool'

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations')
// Any constant works; it only has to be the same in every process that migrates this database.
const LOCK_ID = 4_270_001

/**
 * Applies the numbered migrations not yet applied. An advisory lock makes concurrent starts safe:
 * the second process waits, then finds nothing left to do.
 */
export async function migrate(db: Db, log: Logger, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
  const client = await db.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_ID])
    await client.query(
      'create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())',
    )
    const { rows } = await client.query<{ id: string }>('select id from schema_migrations')
    const applied = new Set(rows.map((r) => r.id))
    const done: string[] = []
    for (const file of files.filter((f) => !applied.has(f))) {
      await client.query('begin')
      try {
        await client.query(readFileSync(path.join(dir, file), 'utf8'))
        await client.query('insert into schema_migrations (id) values ($1)', [file])
        await client.query('commit')
      } catch (err) {
        await client.query('rollback')
        throw new Error(`migration ${file} failed: ${(err as Error).message}`)
      }
      log.info({ migration: file }, 'migration applied')
      done.push(file)
    }
    return done
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_ID]).catch(() => {})
    client.release()
  }
}
