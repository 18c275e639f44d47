import net from 'node:net'
import path from 'node:path'
import pg from 'pg'
import pino from 'pino'
import type { TestProject } from 'vitest/node'
import { readEnv } from '../src/config'
import { startBoss } from '../src/context/boss'
import { startEmbeddedPostgres } from '../src/db/embedded-postgres'
import { migrate } from '../src/db/migrate'

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string
    templateDatabase: string
  }
}

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres'

/**
 * Finds a Postgres (DATABASE_URL, else 127.0.0.1:5432, else an embedded one) and builds a migrated
 * template database, pg-boss schema included, that every test file clones.
 */
export default async function setup(project: TestProject) {
  const log = pino({ level: 'silent' })
  const embedded = await resolveServer(log)
  const adminUrl = embedded?.url ?? readEnv('DATABASE_URL') ?? LOCAL_POSTGRES
  const template = `bindery_tpl_${process.pid}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${template}`)
  await admin.query(`create database ${template}`)
  const url = withDatabase(adminUrl, template)
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  await migrate(pool, log)
  await pool.end()
  const boss = await startBoss(url, log, { worker: false })
  await boss.stop({ graceful: false, close: true })
  project.provide('adminUrl', adminUrl)
  project.provide('templateDatabase', template)

  return async () => {
    await admin.query(`drop database if exists ${template} with (force)`)
    await admin.end()
    await embedded?.stop()
  }
}

async function resolveServer(log: pino.Logger) {
  if (readEnv('DATABASE_URL') || (await reachable(5432))) return undefined
  return startEmbeddedPostgres(path.resolve('.data/test'), log)
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

function reachable(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port })
    socket.setTimeout(1_000)
    socket.once('connect', () => {
      socket.end()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
  })
}
