import { type QueueName, queues } from '@bindery/shared/queues'
import pino from 'pino'
import { afterAll } from 'vitest'
import { type App, buildApp } from '../../src/app'
import { type Config, loadConfig } from '../../src/config'
import { type AppContext, createAppContext } from '../../src/context/app-context'
import { type Boss, startBoss } from '../../src/context/boss'
import { type SessionRole, signSession } from '../../src/crypto/session-token'
import { closePool, createPool, type Db } from '../../src/db/pool'
import { handlers, runJob } from '../../src/jobs/handlers'
import { PgCircuitBreaker } from '../../src/webflow/pg-circuit-breaker'
import { PgRateGate } from '../../src/webflow/pg-rate-gate'
import { createTestDatabase, type TestDatabase } from './test-database'

export type TestContext = {
  app: App
  db: Db
  boss: Boss
  config: Config
  database: TestDatabase
  /** What the app and the job handlers share, as production builds it. */
  context: AppContext
  /**
   * Works every ready job, and the jobs those enqueue, until no queue has one. Counts attempts:
   * a failing job is retried per its queue's options, like in production.
   */
  drain: (only?: QueueName[]) => Promise<{ completed: number; failed: number }>
}

export const silentLog = pino({ level: 'silent' })

/** Test environment: sandbox-free, fixed secrets, Webflow URLs as given. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    WEBFLOW_CLIENT_ID: 'test-client',
    WEBFLOW_CLIENT_SECRET: 'test-client-secret',
    ENCRYPTION_KEY: 'a'.repeat(64),
    SESSION_SECRET: 's'.repeat(40),
    ADMIN_TOKEN: 't'.repeat(32),
    PUBLIC_URL: 'http://bindery.test',
    LOG_LEVEL: 'silent',
    ...overrides,
  })
}

/** A database of this file's own, pg-boss on it, and the app built as production builds it. */
export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const database = await createTestDatabase()
  const config = testConfig({ DATABASE_URL: database.url, ...env })
  const db = createPool(database.url, silentLog)
  const boss = await startBoss(database.url, silentLog, { worker: false })
  const gate = new PgRateGate(db)
  // No cooldown: drains run retries at once, so an open breaker probes on the next call instead of
  // stalling the drain; test/reliability checks the cooldowns with a breaker and clock of its own.
  const breaker = new PgCircuitBreaker(db, { cooldownMs: 0 })
  const context = createAppContext({ config, db, boss, log: silentLog, gate, breaker })
  const app = await buildApp(context)
  await app.ready()
  afterAll(async () => {
    await app.close()
    await boss.stop({ graceful: false, close: true })
    await closePool(db)
  })
  return { app, db, boss, config, database, context, drain: (only) => drain(context, only) }
}

async function drain(ctx: AppContext, only?: QueueName[]) {
  const names = (only ?? (Object.keys(handlers) as QueueName[])).filter((n) => n in queues)
  let completed = 0
  let failed = 0
  for (let worked = true; worked; ) {
    worked = false
    for (const name of names) {
      const batch = await ctx.boss.fetch(name, { batchSize: 50 })
      for (const job of batch) {
        worked = true
        try {
          const output = await runJob(name, job.data, ctx)
          await ctx.boss.complete(name, job.id, (output ?? null) as object | null)
          completed++
        } catch (err) {
          await ctx.boss.fail(name, job.id, { message: (err as Error).message })
          failed++
        }
      }
    }
  }
  return { completed, failed }
}

/** The admin API of the context's app, authenticated with its admin token. */
export function adminApi(ctx: Pick<TestContext, 'app' | 'config'>) {
  return (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    ctx.app.inject({
      method,
      url: `/admin/api${url}`,
      headers: { authorization: `Bearer ${ctx.config.adminToken}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    })
}

/**
 * Connects a hub collection to a site in publish mode through the admin API, with any other link
 * settings in `more`; the new link.
 */
export async function publishLink(
  ctx: Pick<TestContext, 'app' | 'config'>,
  siteId: string,
  hubCollectionId: string,
  fields: string[],
  more: Record<string, unknown> = {},
) {
  const res = await adminApi(ctx)('POST', `/sites/${siteId}/links`, {
    mode: 'publish',
    hubCollectionId,
    fields,
    ...more,
  })
  if (res.statusCode !== 201) throw new Error(`connect failed: ${res.body}`)
  return res.json()
}

/**
 * A designer session for `siteId` as `POST /api/session` would issue it (in the site's current
 * session epoch), without a Webflow ID token.
 */
export async function designerSession(
  ctx: Pick<TestContext, 'db' | 'config'>,
  siteId: string,
  o: {
    role?: SessionRole
    userId?: string
    email?: string
    name?: string
    now?: number
    secret?: string
  } = {},
): Promise<string> {
  const { rows } = await ctx.db.query<{ epoch: number }>(
    'select session_epoch as epoch from sites where id = $1',
    [siteId],
  )
  const { token } = await signSession(
    o.secret ?? ctx.config.sessionSecret,
    {
      userId: o.userId ?? 'u1',
      siteId,
      email: o.email ?? 'dana@example.com',
      name: o.name ?? 'Dana',
      role: o.role ?? 'editor',
      epoch: rows[0]?.epoch ?? 0,
    },
    o.now,
  )
  return token
}
