import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { spawnServer, waitForStatus } from './helpers/server-process'

function postgresProcessesFor(dataDir: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
  return ps.split('\n').filter((l) => l.includes('postgres -D') && l.includes(dataDir))
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

describe('the server process', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bindery-process-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('starts an embedded Postgres without DATABASE_URL, and stops it on SIGTERM', async () => {
    const port = await freePort()
    const server = spawnServer({ PORT: String(port), SIM_PORT: String(await freePort()), DATA_DIR: dataDir })
    await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200)
    expect(postgresProcessesFor(dataDir)).toHaveLength(1)
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(postgresProcessesFor(dataDir)).toEqual([])
  }, 90_000)

  it('reuses the data on a second start', async () => {
    const port = await freePort()
    const server = spawnServer({ PORT: String(port), SIM_PORT: String(await freePort()), DATA_DIR: dataDir })
    await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200)
    expect(server.output()).toContain('"reused":true')
    server.child.kill('SIGINT')
    expect(await server.exited).toBe(0)
  }, 90_000)

  it('recovers from a crash that left its Postgres running', async () => {
    const firstPort = await freePort()
    const first = spawnServer({
      PORT: String(firstPort),
      SIM_PORT: String(await freePort()),
      DATA_DIR: dataDir,
    })
    await waitForStatus(`http://127.0.0.1:${firstPort}/readyz`, 200)
    first.child.kill('SIGKILL')
    await first.exited
    expect(postgresProcessesFor(dataDir)).toHaveLength(1)
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(true)

    const port = await freePort()
    const second = spawnServer({ PORT: String(port), SIM_PORT: String(await freePort()), DATA_DIR: dataDir })
    await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200)
    expect(second.output()).toContain('orphaned embedded Postgres')
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)
    expect(postgresProcessesFor(dataDir)).toEqual([])
  }, 120_000)

  it.runIf(process.getuid?.() === 0)(
    'runs as a normal user too',
    async () => {
      const userDir = mkdtempSync(path.join(os.tmpdir(), 'bindery-nobody-'))
      const nobody = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }))
      chownSync(userDir, nobody, nobody)
      const port = await freePort()
      const server = spawnServer(
        { PORT: String(port), SIM_PORT: String(await freePort()), DATA_DIR: userDir, HOME: userDir },
        { uid: nobody, gid: nobody },
      )
      try {
        await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200)
        server.child.kill('SIGTERM')
        expect(await server.exited).toBe(0)
        expect(postgresProcessesFor(userDir)).toEqual([])
      } finally {
        server.child.kill('SIGKILL')
        rmSync(userDir, { recursive: true, force: true })
      }
    },
    90_000,
  )

  it('exits non-zero naming every bad variable', async () => {
    const server = spawnServer({ PORT: 'abc', DATABASE_URL: 'definitely not a url', ROLE: 'boss' })
    expect(await server.exited).toBe(1)
    expect(server.output()).toMatch(/PORT:.*\n.*DATABASE_URL:|DATABASE_URL:.*\n.*PORT:/)
    for (const name of ['PORT', 'DATABASE_URL', 'ROLE']) expect(server.output()).toContain(`${name}:`)
  })
})
