import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dumpSchema } from '../src/db/dump-schema'
import { MIGRATIONS_DIR, migrate } from '../src/db/migrate'
import { createPool } from '../src/db/pool'
import { silentLog } from './helpers/test-context'
import { createTestDatabase } from './helpers/test-database'

describe('migrations', async () => {
  const database = await createTestDatabase({ empty: true })
  const pools = [createPool(database.url, silentLog, 2), createPool(database.url, silentLog, 2)]
  afterAll(() => Promise.all(pools.map((p) => p.end())))

  it('are applied once when two processes start at the same time', async () => {
    const [a, b] = await Promise.all(pools.map((pool) => migrate(pool, silentLog)))
    const all = [...a!, ...b!].sort()
    const files = (await pools[0]!.query('select id from schema_migrations order by id')).rows.map(
      (r) => r.id,
    )
    expect(all).toEqual(files)
    expect(files.length).toBeGreaterThan(0)
  })

  it('do nothing when run again', async () => {
    expect(await migrate(pools[0]!, silentLog)).toEqual([])
  })

  it('match the committed schema dump (run `npm run db:dump` after adding one)', async () => {
    const committed = readFileSync(path.join(MIGRATIONS_DIR, 'schema.sql'), 'utf8')
    expect(await dumpSchema(pools[0]!)).toBe(committed)
  })
})
