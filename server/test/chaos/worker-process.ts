import { mkdtempSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { type ServerProcess, spawnServer, waitForStatus } from '../helpers/server-process'
import { CLIENT_ID, CLIENT_SECRET, type InstallWorld } from '../install/install-world'

export const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })

/** A free port below Linux's ephemeral range (32768–60999), which `listen(0)` never hands out. */
export async function portOutsideEphemeralRange(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 10_000)
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer()
      srv.once('error', () => resolve(false))
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)))
    })
    if (free) return port
  }
}

/**
 * Bindery's workers in a process of their own, against the world's database and simulator, so a
 * test can kill them (SIGKILL) and start them again while this process keeps serving HTTP.
 */
export async function startWorkerProcess(world: InstallWorld): Promise<ServerProcess> {
  const port = await freePort()
  const worker = spawnServer({
    ROLE: 'worker',
    PORT: String(port),
    DATABASE_URL: world.ctx.database.url,
    PUBLIC_URL: world.publicUrl,
    WEBFLOW_CLIENT_ID: CLIENT_ID,
    WEBFLOW_CLIENT_SECRET: CLIENT_SECRET,
    WEBFLOW_API_URL: world.sim.url,
    WEBFLOW_AUTH_URL: world.sim.url,
    ENCRYPTION_KEY: 'a'.repeat(64),
    SESSION_SECRET: 's'.repeat(40),
    ADMIN_TOKEN: 't'.repeat(32),
    LOG_LEVEL: 'error',
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'bindery-worker-')),
  })
  await waitForStatus(`http://127.0.0.1:${port}/healthz`, 200)
  return worker
}
