import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { type ServerProcess, spawnServer, waitForStatus } from '../helpers/server-process'

export const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef'

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

/**
 * `npm start` in sandbox mode as its own process (simulator in-process, demo workspace installed
 * through OAuth), on free ports, a temp data dir and the given database. Ready once the playground
 * knows its site, i.e. after the sandbox install.
 */
export async function startSandboxServer(databaseUrl: string, env: Record<string, string> = {}) {
  const [port, simPort] = [await freePort(), await freePort()]
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bindery-e2e-'))
  const server: ServerProcess = spawnServer({
    PORT: String(port),
    SIM_PORT: String(simPort),
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    ...env,
  })
  const url = `http://localhost:${port}`
  try {
    await waitForStatus(`${url}/playground/context`, 200, 60_000)
  } catch (err) {
    server.child.kill('SIGKILL')
    throw new Error(`${(err as Error).message}\n--- server output ---\n${server.output().slice(-4000)}`)
  }
  return {
    url,
    server,
    async stop() {
      server.child.kill('SIGTERM')
      await server.exited
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
