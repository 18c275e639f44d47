import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { LinkSummary } from '@bindery/shared/api/links'
import { createSimulator } from '@bindery/sim/create-simulator'
import { DEMO, seedDemo } from '@bindery/sim/demo-seed'
import pg from 'pg'
import { loadConfig, readEnv } from '../server/src/config'
import { createLogger } from '../server/src/logger'
import { startRuntime } from '../server/src/runtime'
import { installThroughRedirects, until } from './sync-world'

export type RateFigures = {
  status429: number
  requests: number
  seconds: number
  items: number
  workers: number
  /** Most requests Webflow saw in any rolling minute (the CMS plan allows 120). */
  peakPerMinute: number
  /** The least time the requests can take at 120 a minute: all but the first 120 wait a window. */
  floorSeconds: number
}

const WORKERS = 4
const LINKS = 4
// 3,750 items a link → 38 bulk creates each; with the collections and fields about 160 requests,
// so the 120-a-minute budget binds and the second minute is visibly paced.
const ITEMS = readEnv('BENCH_QUICK') ? 6_000 : 15_000
const LIMIT = 120

/**
 * Four worker processes (the real runtime, `ROLE=worker`) on one database and one installation push
 * four collections into one simulated Webflow site on the CMS plan (120 requests a minute, rate limit
 * on) at the same time. The per-token budget they share in Postgres should keep Webflow's 429s at 0.
 */
export async function benchRate(): Promise<RateFigures> {
  const repo = path.resolve(import.meta.dirname, '..')
  const adminUrl = readEnv('DATABASE_URL') ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const name = `bindery_bench_rate_${process.pid}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${name} with (force)`)
  await admin.query(`create database ${name}`)
  const dbUrl = new URL(adminUrl)
  dbUrl.pathname = `/${name}`
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const sim = await createSimulator({
    port: 0,
    rateLimit: 'plan',
    itemCaps: false,
    webhookRetryIntervalMs: 1_000,
    requestLogSize: 5_000,
    app: {
      clientId: 'bench-client',
      clientSecret: 'bench-secret',
      redirectUris: [`${baseUrl}/oauth/callback`],
    },
  })
  seedDemo(sim)
  const dir = mkdtempSync(path.join(tmpdir(), 'bindery-bench-rate-'))
  const env = {
    DATABASE_URL: dbUrl.toString(),
    PUBLIC_URL: baseUrl,
    WEBFLOW_CLIENT_ID: 'bench-client',
    WEBFLOW_CLIENT_SECRET: 'bench-secret',
    WEBFLOW_API_URL: sim.url,
    WEBFLOW_AUTH_URL: sim.url,
    ENCRYPTION_KEY: 'b'.repeat(64),
    SESSION_SECRET: 's'.repeat(40),
    ADMIN_TOKEN: 'a'.repeat(32),
    LOG_LEVEL: 'silent',
    DATA_DIR: dir,
  }
  // This process serves HTTP only (install, admin and content API, webhooks); the work is theirs.
  const web = await startRuntime(
    loadConfig({ ...env, PORT: String(port), ROLE: 'web' }),
    createLogger('silent'),
  )
  const workers: ChildProcess[] = []
  try {
    await web.app.listen({ port, host: '127.0.0.1' })
    await installThroughRedirects(`${baseUrl}/oauth/install`)
    const call = async <T>(
      method: string,
      url: string,
      body?: unknown,
      token = env.ADMIN_TOKEN,
    ): Promise<T> => {
      const res = await fetch(`${baseUrl}${url}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      })
      const json = res.status === 204 ? null : await res.json()
      if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`)
      return json as T
    }
    const apiKey = (
      await call<{ key: string }>('POST', `/admin/api/sites/${DEMO.siteId}/api-keys`, { name: 'bench' })
    ).key
    const collections: string[] = []
    for (let l = 0; l < LINKS; l++) {
      const slug = `rate-${l}`
      const c = await call<{ id: string }>(
        'POST',
        '/api/v1/collections',
        {
          slug,
          name: slug,
          singularName: slug,
          fields: [{ slug: 'summary', name: 'Summary', type: 'text' }],
        },
        apiKey,
      )
      const perLink = ITEMS / LINKS
      for (let i = 0; i < perLink; i += 1000) {
        const items = Array.from({ length: Math.min(1000, perLink - i) }, (_, k) => ({
          slug: `item-${i + k}`,
          name: `Item ${i + k}`,
          status: 'published',
          fields: { summary: `Summary of item ${i + k}` },
        }))
        await call('POST', `/api/v1/collections/${c.id}/items/bulk`, { items }, apiKey)
      }
      collections.push(c.id)
    }

    const ready = Array.from({ length: WORKERS }, () =>
      startWorker(repo, { ...env, PORT: '0', ROLE: 'worker' }),
    )
    workers.push(...ready.map((w) => w.child))
    await Promise.all(ready.map((w) => w.ready))
    // The install's calls stay in the token's budget (the gate counts them); only the push is reported.
    sim.control.resetCounters()
    const started = performance.now()
    const links: string[] = []
    for (const collectionId of collections) {
      const link = await call<{ id: string }>('POST', `/admin/api/sites/${DEMO.siteId}/links`, {
        mode: 'publish',
        hubCollectionId: collectionId,
        // A new collection goes live with one site publish (docs/webflow.md); the wizard asks for it.
        publishSite: true,
        fields: ['summary'],
      })
      links.push(link.id)
      // Each link's push goes to an idle worker: the four processes work at the same time.
      await new Promise((r) => setTimeout(r, 200))
    }
    await until(
      async () => {
        const summaries = await Promise.all(
          links.map((id) => call<LinkSummary>('GET', `/admin/api/sites/${DEMO.siteId}/links/${id}`)),
        )
        return summaries.every((s) => s.state === 'live' && s.progress.done === ITEMS / LINKS)
      },
      300_000,
      250,
    )
    const seconds = (performance.now() - started) / 1000
    const counters = sim.control.counters()
    const times = sim.control
      .requests(5_000)
      .map((r) => new Date(r.at).getTime())
      .sort((a, b) => a - b)
    const requests = counters.requests.total as number
    return {
      status429: counters.status429 as number,
      requests,
      seconds: Math.round(seconds * 10) / 10,
      items: ITEMS,
      workers: WORKERS,
      peakPerMinute: Math.max(0, ...times.map((t) => times.filter((x) => x > t - 60_000 && x <= t).length)),
      floorSeconds: Math.max(0, Math.ceil((requests - LIMIT) / LIMIT)) * 60,
    }
  } finally {
    await Promise.all(workers.map(stopWorker))
    await web.close()
    await sim.close()
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** `node --import tsx server/src/server.ts` as a worker; ready when it logs so. */
export function startWorker(repo: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
    cwd: repo,
    env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const ready = new Promise<void>((resolve, reject) => {
    let seen = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString()
      if (seen.includes('Bindery is ready')) resolve()
      // Only warnings and errors are worth showing while the bench runs.
      for (const line of chunk.toString().split('\n'))
        if (/"level":(4|5|6)0/.test(line)) process.stderr.write(`${line}\n`)
    })
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)))
  })
  return { child, ready }
}

export function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
    setTimeout(() => child.kill('SIGKILL'), 20_000).unref()
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchRate(), null, 2))
  process.exit(0)
}
