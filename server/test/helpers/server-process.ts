import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

export type ServerProcess = { child: ChildProcess; output: () => string; exited: Promise<number | null> }

const ROOT = path.resolve(import.meta.dirname, '../../..')

/** Runs `server/src/server.ts` as its own process, as `npm start` does, with exactly `env`. */
export function spawnServer(env: Record<string, string>, as?: { uid: number; gid: number }): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...as,
  })
  let out = ''
  child.stdout?.on('data', (d) => {
    out += d
  })
  child.stderr?.on('data', (d) => {
    out += d
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, output: () => out, exited }
}

/** Polls `url` until it answers `status`, or fails after `timeoutMs`. */
export async function waitForStatus(url: string, status: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const got = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.status,
      () => 0,
    )
    if (got === status) return
    if (Date.now() > deadline)
      throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${got})`)
    await new Promise((r) => setTimeout(r, 200))
  }
}
