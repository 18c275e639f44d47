import { ConfigError, loadConfig } from '../config'
import { createLogger } from '../logger'
import { startEmbeddedPostgres } from './embedded-postgres'
import { migrate } from './migrate'
import { createPool } from './pool'

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded Postgres). */
async function main() {
  const config = loadConfig()
  const log = createLogger(config.logLevel)
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir, log)
  const db = createPool(config.databaseUrl ?? embedded!.url, log, 1)
  try {
    const applied = await migrate(db, log)
    log.info({ applied }, applied.length ? 'migrations applied' : 'schema is up to date')
  } finally {
    await db.end()
    await embedded?.stop()
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err)
  process.exit(1)
})
