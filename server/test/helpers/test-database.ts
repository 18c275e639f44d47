import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, afterEach, inject } from 'vitest'
import { withDatabase } from '../global-setup'

export type TestDatabase = { url: string; name: string }

/**
 * Clones the migrated template into a database of this test file's own. It is dropped after the
 * file, unless a test failed: then it is kept, and its name printed, for a look with psql.
 */
export async function createTestDatabase(opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl')
  const name = `bindery_t_${randomBytes(5).toString('hex')}`
  const template = opts.empty ? 'template0' : inject('templateDatabase')
  await adminQuery(`create database ${name} template ${template}`)
  let failed = false
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') failed = true
  })
  afterAll(async () => {
    if (failed) console.warn(`kept test database ${name} for inspection`)
    else await adminQuery(`drop database if exists ${name} with (force)`)
  })
  return { url: withDatabase(adminUrl, name), name }
}

export async function adminQuery(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: inject('adminUrl') })
  await client.connect()
  try {
    return await client.query(sql, params)
  } finally {
    await client.end()
  }
}
