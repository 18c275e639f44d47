import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import pg from 'pg'
import { loadConfig, readEnv } from '../server/src/config'
import { runJob } from '../server/src/jobs/handlers'
import { createLogger } from '../server/src/logger'
import { startRuntime } from '../server/src/runtime'

export type MetricsFigures = {
  sites: number
  links: number
  queuedJobs: number
  inboxPending: number
  /** `GET /metrics` over HTTP, sequential scrapes after a warm-up. */
  p95Ms: number
  medianMs: number
  /** One run of the minute sampler (gauges read and stored): its whole cost, once a minute. */
  samplerP95Ms: number
  /** The sampler's share of one Postgres connection: samplerP95Ms per 60 s. */
  samplerLoadPercent: number
}

const SITES = 100
const LINKS = 1_000
const SCRAPES = readEnv('BENCH_QUICK') ? 100 : 500

/**
 * `GET /metrics` on a database holding 100 sites, 1,000 links, a queued job per link, pending
 * webhooks and a breaker per installation: a web process (no workers, so nothing drains the queues
 * while it is measured), scraped over HTTP as Prometheus would.
 */
export async function benchMetrics(): Promise<MetricsFigures> {
  const adminUrl = readEnv('DATABASE_URL') ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const name = `bindery_bench_metrics_${process.pid}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const dbUrl = new URL(adminUrl)
  dbUrl.pathname = `/${name}`
  const dir = mkdtempSync(path.join(tmpdir(), 'bindery-bench-metrics-'))
  const port = await freePort()
  const token = 'm'.repeat(32)
  const config = loadConfig({
    DATABASE_URL: dbUrl.toString(),
    PORT: String(port),
    WEBFLOW_CLIENT_ID: 'bench-client',
    WEBFLOW_CLIENT_SECRET: 'bench-secret',
    ENCRYPTION_KEY: 'b'.repeat(64),
    SESSION_SECRET: 's'.repeat(40),
    ADMIN_TOKEN: 'a'.repeat(32),
    METRICS_TOKEN: token,
    ROLE: 'web',
    LOG_LEVEL: 'silent',
    DATA_DIR: dir,
  })
  const runtime = await startRuntime(config, createLogger('silent'))
  try {
    await runtime.app.listen({ port, host: '127.0.0.1' })
    const { db, boss } = runtime
    const inboxPending = await seed(db)
    const linkIds = (await db.query<{ id: string }>('select id from links')).rows.map((r) => r.id)
    for (const linkId of linkIds) await boss.send('link-push', { linkId }, { singletonKey: linkId })

    const scrape = async () => {
      const t = performance.now()
      const res = await fetch(`http://127.0.0.1:${port}/metrics`, {
        headers: { authorization: `Bearer ${token}` },
      })
      await res.text()
      if (res.status !== 200) throw new Error(`GET /metrics answered ${res.status}`)
      return performance.now() - t
    }
    for (let i = 0; i < 20; i++) await scrape()
    const times: number[] = []
    for (let i = 0; i < SCRAPES; i++) times.push(await scrape())

    const ctx = { ...runtime.ctx, log: createLogger('silent') }
    const sampler: number[] = []
    for (let i = 0; i < 100; i++) {
      const t = performance.now()
      await runJob('metrics-sample', {}, ctx)
      sampler.push(performance.now() - t)
    }
    const sorted = [...times].sort((a, b) => a - b)
    const samplerP95 = p95Exact(sampler)
    return {
      sites: SITES,
      links: linkIds.length,
      queuedJobs: linkIds.length,
      inboxPending,
      p95Ms: p95Exact(times),
      medianMs: round(sorted[Math.floor(sorted.length / 2)]!),
      samplerP95Ms: samplerP95,
      samplerLoadPercent: round((samplerP95 / 60_000) * 100, 4),
    }
  } finally {
    await runtime.close()
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** 10 installations of 10 sites, 10 links a site, 20 pending webhooks a site, a breaker per installation. */
async function seed(db: pg.Pool): Promise<number> {
  await db.query(
    `insert into installations (id, site_ids, token_ciphertext, rate_limit)
     select ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, '{}', 'bench', 120
     from generate_series(1, 10) i`,
  )
  await db.query(
    `insert into sites (id, installation_id, display_name, paused)
     select 'site-' || s, ('00000000-0000-4000-8000-' || lpad((1 + s % 10)::text, 12, '0'))::uuid,
       'Site ' || s, s % 17 = 0
     from generate_series(1, $1::int) s`,
    [SITES],
  )
  await db.query(
    `insert into hub_collections (site_id, slug, name, singular_name)
     select 'site-' || (1 + c % $1::int), 'col-' || c, 'Collection ' || c, 'Item'
     from generate_series(1, $2::int) c`,
    [SITES, LINKS],
  )
  await db.query(
    `insert into links (site_id, hub_collection_id, webflow_collection_id, state)
     select site_id, id, 'wf-' || id, 'live' from hub_collections`,
  )
  await db.query(
    `insert into circuit_breakers (token_key, state, failures)
     select id::text, case when row_number() over () = 1 then 'open' else 'closed' end, 0 from installations`,
  )
  const { rowCount } = await db.query(
    `insert into inbox (dedupe_key, trigger_type, site_id, payload)
     select 'bench-' || i, 'collection_item_changed', 'site-' || (1 + i % $1::int), '{}'
     from generate_series(1, 2000) i`,
    [SITES],
  )
  return rowCount ?? 0
}

function p95Exact(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0)
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await benchMetrics())
  process.exit(0)
}
