import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createBenchDatabase, freePort, REPO, rssMb, stopWorker } from './processes'
import { until } from './sync-world'

export type ProdFigures = {
  /** From spawn until /readyz answers 200: the build on plain node, then the sources under tsx. */
  startMs: number
  tsxStartMs: number
  /** Resident memory a few seconds after that, idle (web and workers in one process, ROLE=all). */
  idleRssMb: number
  tsxIdleRssMb: number
}

const STARTS = 3
const IDLE_MS = 3_000

const COMMANDS = {
  build: ['--conditions=bindery-build', 'server/dist/server.js'],
  tsx: ['--import', 'tsx', 'server/src/server.ts'],
}

/**
 * `npm run start:prod`'s command on `npm run build`'s output beside `npm start`'s development
 * command (tsx compiling the sources as it loads them), each started STARTS times against one
 * external, migrated Postgres: the median time until /readyz is 200, and the idle RSS after it.
 */
export async function benchProd(): Promise<ProdFigures> {
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: REPO, stdio: 'pipe' })
  const database = await createBenchDatabase(`prod_${process.pid}`)
  const dir = mkdtempSync(path.join(tmpdir(), 'bindery-bench-prod-'))
  try {
    const env = {
      DATABASE_URL: database.url,
      WEBFLOW_CLIENT_ID: 'bench-client',
      WEBFLOW_CLIENT_SECRET: 'bench-secret',
      ENCRYPTION_KEY: 'b'.repeat(64),
      SESSION_SECRET: 's'.repeat(40),
      ADMIN_TOKEN: 'a'.repeat(32),
      LOG_LEVEL: 'warn',
      DATA_DIR: dir,
      NODE_ENV: 'production',
    }
    // The first start migrates the empty database; what is measured is a restart.
    await start(COMMANDS.build, env)
    const build = await starts(COMMANDS.build, env)
    const tsx = await starts(COMMANDS.tsx, env)
    return {
      startMs: build.startMs,
      tsxStartMs: tsx.startMs,
      idleRssMb: build.rssMb,
      tsxIdleRssMb: tsx.rssMb,
    }
  } finally {
    await database.drop()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function starts(args: string[], env: Record<string, string>) {
  const runs: { startMs: number; rssMb: number }[] = []
  for (let i = 0; i < STARTS; i++) runs.push(await start(args, env))
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!
  return { startMs: median(runs.map((r) => r.startMs)), rssMb: median(runs.map((r) => r.rssMb)) }
}

async function start(args: string[], env: Record<string, string>) {
  const port = await freePort()
  const started = performance.now()
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  try {
    await until(
      () =>
        fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(1_000) }).then(
          (r) => r.status === 200,
          () => false,
        ),
      120_000,
      20,
    )
    const startMs = Math.round(performance.now() - started)
    await new Promise((r) => setTimeout(r, IDLE_MS))
    return { startMs, rssMb: rssMb(child.pid!) }
  } finally {
    await stopWorker(child)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchProd(), null, 2))
  process.exit(0)
}
