import { mkdtempSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { CLIENT_ID, CLIENT_SECRET } from '../install/install-world'
import { type ServerProcess, spawnServer, waitForStatus } from './server-process'

/** The admin token of every process started here (the same as the test context's). */
export const ADMIN_TOKEN = 't'.repeat(32)

export const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })

export type BinderyProcess = ServerProcess & { url: string }

/**
 * A Bindery process of one ROLE against a given database and simulated Webflow, as a self-hoster
 * starts it (`ROLE=web` behind the public URL, `ROLE=worker` beside it). Ready when `/readyz` is 200.
 */
export async function startBinderyProcess(o: {
  role: 'web' | 'worker' | 'all'
  databaseUrl: string
  publicUrl: string
  simUrl: string
  port?: number
}): Promise<BinderyProcess> {
  const port = o.port ?? (await freePort())
  const proc = spawnServer({
    ROLE: o.role,
    PORT: String(port),
    DATABASE_URL: o.databaseUrl,
    PUBLIC_URL: o.publicUrl,
    WEBFLOW_CLIENT_ID: CLIENT_ID,
    WEBFLOW_CLIENT_SECRET: CLIENT_SECRET,
    WEBFLOW_API_URL: o.simUrl,
    WEBFLOW_AUTH_URL: o.simUrl,
    ENCRYPTION_KEY: 'a'.repeat(64),
    SESSION_SECRET: 's'.repeat(40),
    ADMIN_TOKEN,
    LOG_LEVEL: 'error',
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), `bindery-${o.role}-`)),
  })
  const url = `http://127.0.0.1:${port}`
  await waitForStatus(`${url}/readyz`, 200, 90_000).catch((err) => {
    proc.child.kill('SIGKILL')
    throw new Error(`${(err as Error).message}\n${proc.output()}`)
  })
  return { ...proc, url }
}
