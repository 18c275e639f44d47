import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import pino from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres } from '../src/db/embedded-postgres'
import { spawnServer } from './helpers/server-process'

// The paths a fresh machine takes and a CI machine with its own Postgres does not.
const log = pino({ level: 'silent' })

function listen(): Promise<net.Server> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => resolve(srv))
  })
}

describe('a first run', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bindery-first-run-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('gives the embedded Postgres a random password, readable by its owner only', async () => {
    const db = await startEmbeddedPostgres(dataDir, log)
    try {
      const file = path.join(dataDir, 'pg-password')
      expect(statSync(file).mode & 0o777).toBe(0o600)
      const password = new URL(db.url).password
      expect(password).toMatch(/^[\w-]{32}$/)
      const guess = new pg.Client({ connectionString: db.url.replace(password, 'bindery') })
      await expect(guess.connect()).rejects.toThrow(/password authentication failed/)
    } finally {
      await db.stop()
    }
  }, 90_000)

  it('moves a data dir made with the old fixed password to a random one', async () => {
    const first = await startEmbeddedPostgres(dataDir, log)
    const client = new pg.Client({ connectionString: first.url })
    await client.connect()
    await client.query(`alter role bindery password 'bindery'`)
    await client.end()
    await first.stop()
    rmSync(path.join(dataDir, 'pg-password'))

    const again = await startEmbeddedPostgres(dataDir, log)
    try {
      const password = new URL(again.url).password
      expect(password).not.toBe('bindery')
      const c = new pg.Client({ connectionString: again.url })
      await c.connect()
      expect((await c.query('select 1 as one')).rows[0].one).toBe(1)
      await c.end()
    } finally {
      await again.stop()
    }
  }, 90_000)

  it('names the port and what to do when the port is taken', async () => {
    const taken = await listen()
    const { port } = taken.address() as net.AddressInfo
    try {
      const server = spawnServer({ PORT: String(port), SIM_PORT: '0', DATA_DIR: dataDir })
      expect(await server.exited).toBe(1)
      expect(server.output()).toContain(`port ${port} on 127.0.0.1 is already in use`)
      expect(server.output()).toContain('PORT=')
      // It stopped what it had started: no Postgres of this data dir is left running.
      const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      expect(ps.split('\n').filter((l) => l.includes('postgres -D') && l.includes(dataDir))).toEqual([])
    } finally {
      taken.close()
    }
  }, 90_000)

  it('says which directory cannot be written, and how to choose another', async () => {
    const notADir = path.join(dataDir, 'a-file')
    writeFileSync(notADir, '')
    const server = spawnServer({ PORT: '0', SIM_PORT: '0', DATA_DIR: path.join(notADir, 'data') })
    expect(await server.exited).toBe(1)
    expect(server.output()).toContain(`DATA_DIR: ${path.join(notADir, 'data')} cannot be written`)
  }, 30_000)
})
