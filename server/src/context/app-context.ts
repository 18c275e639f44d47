import type { Logger } from 'pino'
import type { Config } from '../config'
import type { Db } from '../db/pool'
import type { CircuitBreaker } from '../webflow/circuit-breaker'
import { PgCircuitBreaker } from '../webflow/pg-circuit-breaker'
import type { RateGate } from '../webflow/rate-gate'
import { type WebflowFactory, webflowFactory } from '../webflow/webflow-factory'
import type { Boss } from './boss'

/**
 * What the process's routes and job handlers reach the world through, built once per process:
 * the pool, pg-boss, the configuration, the log, and the factory of every Webflow client.
 */
export type AppContext = {
  db: Db
  boss: Boss
  config: Config
  log: Logger
  webflow: WebflowFactory
}

/**
 * `gate` and `breaker`: the process's rate gate and circuit breaker, shared by every Webflow client
 * of the app and the workers (the breaker defaults to the Postgres one on `db`).
 */
export function createAppContext(o: {
  db: Db
  boss: Boss
  config: Config
  log: Logger
  gate: RateGate
  breaker?: CircuitBreaker
}): AppContext {
  const breaker = o.breaker ?? new PgCircuitBreaker(o.db)
  const { db, boss, config, log } = o
  return { db, boss, config, log, webflow: webflowFactory(db, config, log, { gate: o.gate, breaker }) }
}
