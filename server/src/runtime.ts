import type { Logger } from 'pino'
import { type App, buildApp } from './app'
import type { Config } from './config'
import { type AppContext, createAppContext } from './context/app-context'
import { type Boss, startBoss } from './context/boss'
import { startEmbeddedPostgres } from './db/embedded-postgres'
import { migrate } from './db/migrate'
import { closePool, createPool, type Db } from './db/pool'
import { startWorkers } from './jobs/workers'
import { startMinuteFlush } from './metrics/minute-buffer'
import { loadSandbox } from './sandbox/load-sandbox'
import type { Sandbox } from './sandbox/sandbox'
import { PgCircuitBreaker } from './webflow/pg-circuit-breaker'
import { PgRateGate } from './webflow/pg-rate-gate'
import { startInboxListener } from './webhooks/inbox-listener'

export type Runtime = {
  app: App
  db: Db
  boss: Boss
  databaseUrl: string
  /** The configuration in effect: in sandbox mode, Webflow's URLs and app point at the simulator. */
  config: Config
  sandbox: Sandbox | undefined
  /** What the app and the workers share; its Webflow factory holds the rate gate and breaker. */
  ctx: AppContext
  /** Stops everything in order: HTTP, workers, pg-boss, the pool, then an embedded Postgres. */
  close: () => Promise<void>
  /** Last resort when a graceful close hangs: make sure no Postgres child outlives the process. */
  kill: () => void
}

/** Composes a running Bindery: database (given or embedded), migrations, pg-boss, app, workers. */
export async function startRuntime(given: Config, log: Logger): Promise<Runtime> {
  const embedded = given.databaseUrl ? undefined : await startEmbeddedPostgres(given.dataDir, log)
  const databaseUrl = given.databaseUrl ?? embedded!.url
  const stops: (() => Promise<unknown>)[] = embedded ? [embedded.stop] : []
  try {
    const sandbox = given.sandbox ? await (await loadSandbox()).startSandbox(given, log) : undefined
    if (sandbox) stops.unshift(sandbox.close)
    const config = sandbox?.config ?? given
    const db = createPool(databaseUrl, log, config.databasePoolMax)
    // Both keep their state in Postgres: every process shares each token's budget and breaker.
    const gate = new PgRateGate(db)
    const breaker = new PgCircuitBreaker(db)
    stops.unshift(() => closePool(db))
    await migrate(db, log)
    const worker = config.role !== 'web'
    const boss = await startBoss(databaseUrl, log, { worker })
    stops.unshift(() => boss.stop({ graceful: true, timeout: 10_000 }))
    const ctx = createAppContext({ db, boss, log, config, gate, breaker })
    if (worker) stops.unshift(await startWorkers(ctx))
    if (worker) stops.unshift(startInboxListener({ databaseUrl, boss, log }))
    // Every process adds the counts it saw to the minute samples the console charts read.
    stops.unshift(startMinuteFlush(db, log))
    const app = await buildApp(ctx)
    stops.unshift(() => app.close())
    return {
      app,
      db,
      boss,
      databaseUrl,
      config,
      sandbox,
      ctx,
      close: () => runInOrder(stops, log),
      kill: () => embedded?.kill(),
    }
  } catch (err) {
    await runInOrder(stops, log)
    throw err
  }
}

async function runInOrder(steps: (() => Promise<unknown>)[], log: Logger) {
  for (const step of steps) {
    await step().catch((err) => log.warn({ err }, 'shutdown step failed'))
  }
}
