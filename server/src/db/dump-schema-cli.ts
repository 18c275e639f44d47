import { writeFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import pino from 'pino'
import { readEnv } from '../config'
import { dumpSchema } from './dump-schema'
import { MIGRATIONS_DIR, migrate } from './migrate'
import { createPool } from './pool'

/**
 * `npm run db:dump`: migrates a scratch database on DATABASE_URL's server (default the local one)
 * and writes `server/migrations/schema.sql`.
 */
async function main() {
  const adminUrl = readEnv('DATABASE_URL') ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const scratch = `bindery_dump_${process.pid}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${scratch}`)
  const url = new URL(adminUrl)
  url.pathname = `/${scratch}`
  const db = createPool(url.toString(), pino({ level: 'silent' }), 1)
  try {
    await migrate(db, pino({ level: 'silent' }))
    writeFileSync(path.join(MIGRATIONS_DIR, 'schema.sql'), await dumpSchema(db))
    console.log('wrote server/migrations/schema.sql')
  } finally {
    await db.end()
    await admin.query(`drop database ${scratch} with (force)`)
    await admin.end()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
