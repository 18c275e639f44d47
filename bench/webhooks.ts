import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import pg from 'pg'
import { loadConfig, readEnv } from '../server/src/config'
import { cipherFor } from '../server/src/crypto/cipher-for'
import { cipherContext } from '../server/src/crypto/token-cipher'
import { createLogger } from '../server/src/logger'
import { startRuntime } from '../server/src/runtime'

// Webhook ingestion: distinct, validly signed deliveries for a known site at concurrency 50 against
// the real runtime (ROLE=web: workers would compete for the same 2 cores; the inbox rows they would
// drain are what we count). autocannon runs in a worker thread and signs each request as Webflow
// does, with a fresh timestamp. `lost` = 200s without a committed inbox row.

interface AutocannonResult {
  '2xx': number
  non2xx: number
  errors: number
  timeouts: number
  duration: number
  latency: { p99: number; p50: number }
  requests: { total: number }
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

const SECRET = 'bench-client-secret'
const SITE_ID = '64f0a1b2c3d4e5f6bench001'

export async function benchWebhooks(
  durationSeconds = readEnv('BENCH_QUICK') ? 3 : 10,
): Promise<{ perSecond: number; p99Ms: number; lost: number }> {
  const adminUrl = readEnv('DATABASE_URL') ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const name = `bindery_bench_${process.pid}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const dir = mkdtempSync(path.join(tmpdir(), 'bindery-bench-'))
  const config = loadConfig({
    DATABASE_URL: url.toString(),
    WEBFLOW_CLIENT_ID: 'bench-client',
    WEBFLOW_CLIENT_SECRET: SECRET,
    ENCRYPTION_KEY: 'b'.repeat(64),
    SESSION_SECRET: 's'.repeat(40),
    ADMIN_TOKEN: 'a'.repeat(32),
    ROLE: 'web',
    LOG_LEVEL: 'silent',
    DATA_DIR: dir,
  })
  const runtime = await startRuntime(config, createLogger('silent'))
  try {
    const installationId = randomUUID()
    const { rows } = await runtime.db.query<{ id: string }>(
      `insert into installations (id, workspace_ids, site_ids, scopes, token_ciphertext)
       values ($3, '{bench}', $1, '{cms:read}', $2) returning id`,
      [
        [SITE_ID],
        cipherFor(config).encrypt('bench-token', cipherContext.installationToken(installationId)),
        installationId,
      ],
    )
    await runtime.db.query(`insert into sites (id, installation_id, display_name) values ($1, $2, 'Bench')`, [
      SITE_ID,
      rows[0]!.id,
    ])
    await runtime.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = runtime.app.server.address() as { port: number }
    const setup = path.join(dir, 'setup-request.cjs')
    writeFileSync(setup, setupRequestModule())
    const run = (duration: number) =>
      autocannon({
        url: `http://127.0.0.1:${port}/webhooks/webflow`,
        method: 'POST',
        connections: 50,
        duration,
        workers: 1,
        requests: [{ method: 'POST', setupRequest: setup }],
      })
    const count = async () => Number((await runtime.db.query('select count(*) as n from inbox')).rows[0].n)
    await run(1) // warm-up: JIT, pool connections
    const before = await count()
    const result = await run(durationSeconds)
    const stored = (await count()) - before
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(
        `benchWebhooks: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
      )
    }
    return {
      perSecond: Math.round(result['2xx'] / result.duration),
      p99Ms: result.latency.p99,
      lost: Math.max(0, result['2xx'] - stored),
    }
  } finally {
    await runtime.close()
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Runs inside autocannon's worker: a distinct item event per request, signed with a fresh timestamp. */
function setupRequestModule(): string {
  return `const { createHmac, randomBytes } = require('node:crypto')
const prefix = randomBytes(4).toString('hex')
let n = 0
module.exports = function setupRequest(req) {
  n++
  const body = JSON.stringify({ triggerType: 'collection_item_changed', payload: {
    id: prefix + n.toString(16).padStart(16, '0'), workspaceId: 'bench', siteId: ${JSON.stringify(SITE_ID)},
    collectionId: '64f0a1b2c3d4e5f60123456c', cmsLocaleId: null, lastPublished: null,
    lastUpdated: new Date().toISOString(), createdOn: '2026-01-01T00:00:00.000Z', isArchived: false, isDraft: true,
    fieldData: { name: 'Post ' + n, slug: 'post-' + prefix + '-' + n } } })
  const ts = String(Date.now())
  const sig = createHmac('sha256', ${JSON.stringify(SECRET)}).update(ts + ':' + body).digest('hex')
  req.body = body
  req.headers = { 'content-type': 'application/json', 'x-webflow-timestamp': ts, 'x-webflow-signature': sig }
  return req
}
`
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchWebhooks()))
}
