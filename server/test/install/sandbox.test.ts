import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { spawnServer, waitForStatus } from '../helpers/server-process'
import { createTestDatabase } from '../helpers/test-database'
import { DEMO } from './install-world'

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })

describe('sandbox mode', async () => {
  const database = await createTestDatabase()
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bindery-sandbox-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  async function start() {
    const [port, simPort] = [await freePort(), await freePort()]
    const server = spawnServer({
      PORT: String(port),
      SIM_PORT: String(simPort),
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
    })
    await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200)
    const { adminToken } = JSON.parse(readFileSync(path.join(dataDir, 'sandbox-secrets.json'), 'utf8'))
    // The install runs right after the listener opens; wait for its webhooks in the simulator.
    await expect
      .poll(
        async () => {
          const state = (await (await fetch(`http://127.0.0.1:${simPort}/_sim/state`)).json()) as {
            webhooks: { active: boolean }[]
          }
          return state.webhooks.filter((h) => h.active).length
        },
        { timeout: 30_000, interval: 100 },
      )
      .toBe(6)
    const sites = await fetch(`http://127.0.0.1:${port}/admin/api/sites`, {
      headers: { authorization: `Bearer ${adminToken}` },
    }).then((r) => r.json() as Promise<{ sites: { id: string }[] }>)
    return { server, port, simPort, sites }
  }

  it('installs into the demo workspace through the OAuth flow, and again after a restart', async () => {
    const first = await start()
    expect(first.sites.sites).toEqual([
      expect.objectContaining({ id: DEMO.siteId, displayName: 'Demo Site', paused: false }),
    ])
    await expect.poll(() => first.server.output(), { timeout: 10_000 }).toContain('sandbox mode')
    expect(first.server.output()).toContain('just now')
    first.server.child.kill('SIGTERM')
    expect(await first.server.exited).toBe(0)

    const second = await start()
    await expect.poll(() => second.server.output(), { timeout: 10_000 }).toContain('"installed":"already"')
    second.server.child.kill('SIGTERM')
    expect(await second.server.exited).toBe(0)
  }, 120_000)
})
