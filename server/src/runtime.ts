import type { Logger } from 'pino'
import { type App, buildApp } from './app'
import type { Config } from './config'
import { startEmbeddedPostgres } from './db/embedded-postgres'
import { migrate } from './db/migrate'
import { createPool, type Db } from './db/pool'
import { type Boss, startBoss } from './jobs/boss'
import { startWorkers } from './jobs/workers'

export type Runtime = {
  app: App
  db: Db
  boss: Boss
  databaseUrl: string
  /** Stops everything in order: HTTP, workers, pg-boss, the pool, then an embedded Postgres. */
  close: () => Promise<void>
  /** Last resort when a graceful close hangs: make sure no Postgres child outlives the process. */
  kill: () => void
}

/** Composes a running Bindery: database (given or embedded), migrations, pg-boss, app, workers. */
export async function startRuntime(config: Config, log: Logger): Promise<Runtime> {
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir, log)
  const databaseUrl = config.databaseUrl ?? embedded!.url
  const stops: (() => Promise<unknown>)[] = embedded ? [embedded.stop] : []
  try {
    const db = createPool(databaseUrl, log)
    stops.unshift(() => db.end())
    await migrate(db, log)
    const worker = config.role !== 'web'
    const boss = await startBoss(databaseUrl, log, { worker })
    stops.unshift(() => boss.stop({ graceful: true, timeout: 10_000 }))
    if (worker) stops.unshift(await startWorkers({ db, boss, log, config }))
    const app = await buildApp({ config, db, boss, log })
    stops.unshift(() => app.close())
    return {
      app,
      db,
      boss,
      databaseUrl,
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
