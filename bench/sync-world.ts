import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createSimulator, type Simulator } from '@bindery/sim/create-simulator'
import { DEMO, seedDemo } from '@bindery/sim/demo-seed'
import type { SimulatorOptionsInput } from '@bindery/sim/sim-options'
import pg from 'pg'
import { loadConfig, readEnv } from '../server/src/config'
import type { Queryable } from '../server/src/db/pool'
import { createLogger } from '../server/src/logger'
import { type Runtime, startRuntime } from '../server/src/runtime'
import { Browser } from '../server/src/sandbox/browser'
import { PgRateGate } from '../server/src/webflow/pg-rate-gate'

export { DEMO }

export type BenchWorld = {
  sim: Simulator
  runtime: Runtime
  baseUrl: string
  /** JSON over HTTP to Bindery, as a content system or support would call it. */
  call: (
    method: string,
    url: string,
    body?: unknown,
    token?: string,
    // biome-ignore lint/suspicious/noExplicitAny: bench code reads whatever JSON each route answers
  ) => Promise<{ status: number; json: any }>
  apiKey: string
  adminToken: string
  /** The environment this Bindery was configured from: another process can join it (e.g. `ROLE=worker`). */
  env: Record<string, string>
  close: () => Promise<void>
}

/**
 * The whole product on one machine, as a user runs it: the simulator as Webflow, a Bindery process
 * (web and workers) on a fresh database, installed on the demo site through OAuth redirects.
 */
export async function startBenchWorld(
  sim: SimulatorOptionsInput = {},
  extraEnv: Record<string, string> = {},
): Promise<BenchWorld> {
  const adminUrl = readEnv('DATABASE_URL') ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const name = `bindery_bench_${process.pid}_${Date.now() % 100000}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const dbUrl = new URL(adminUrl)
  dbUrl.pathname = `/${name}`
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const simulator = await createSimulator({
    port: 0,
    webhookRetryIntervalMs: 1_000,
    itemCaps: false,
    ...sim,
    app: {
      clientId: 'bench-client',
      clientSecret: 'bench-secret',
      redirectUris: [`${baseUrl}/oauth/callback`],
    },
  })
  seedDemo(simulator)
  const dir = mkdtempSync(path.join(tmpdir(), 'bindery-bench-'))
  const adminToken = 'a'.repeat(32)
  const env = {
    DATABASE_URL: dbUrl.toString(),
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    WEBFLOW_CLIENT_ID: 'bench-client',
    WEBFLOW_CLIENT_SECRET: 'bench-secret',
    WEBFLOW_API_URL: simulator.url,
    WEBFLOW_AUTH_URL: simulator.url,
    ENCRYPTION_KEY: 'b'.repeat(64),
    SESSION_SECRET: 's'.repeat(40),
    ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'silent',
    DATA_DIR: dir,
    ...extraEnv,
  }
  const config = loadConfig(env)
  const runtime = await startRuntime(config, createLogger('silent'))
  await runtime.app.listen({ port, host: '127.0.0.1' })
  await installThroughRedirects(`${baseUrl}/oauth/install`)

  const call: BenchWorld['call'] = async (method, url, body, token = adminToken) => {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    return { status: res.status, json: res.status === 204 ? null : await res.json() }
  }
  const key = await call('POST', `/admin/api/sites/${DEMO.siteId}/api-keys`, { name: 'bench' })
  return {
    sim: simulator,
    runtime,
    baseUrl,
    call,
    apiKey: key.json.key,
    adminToken,
    env,
    close: async () => {
      await runtime.close()
      await simulator.close()
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function installThroughRedirects(url: string) {
  const page = await new Browser().browse(url)
  if (page.status !== 200) throw new Error(`install failed: ${page.status} ${page.body}`)
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

export function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0)
}

export async function until(check: () => Promise<boolean>, timeoutMs: number, everyMs = 10) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('bench: condition not met in time')
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

/**
 * Waits until no push or site publish is queued or running. A new collection's site publish is
 * followed by a push that reads what went live, after the link already says live.
 */
export async function pushesIdle(world: BenchWorld) {
  await until(
    async () => {
      const { rowCount } = await world.runtime.db.query(
        `select 1 from pgboss.job where name in ('link-push', 'site-publish') and state < 'completed' limit 1`,
      )
      return rowCount === 0
    },
    600_000,
    200,
  )
}

/**
 * With the simulator's rate limit off its answers announce no limit, and the gate would hold each
 * token to the plan's 120 requests a minute: every installation's budget is set to `limit` before the
 * first call, as Webflow's headers announcing it would set it.
 */
export async function liftRateBudgets(db: Queryable, limit = 10_000_000) {
  const { rows } = await db.query<{ id: string }>('select id from installations')
  const gate = new PgRateGate(db)
  for (const { id } of rows) await gate.observe(id, limit, limit)
}
