import type { Logger } from 'pino'
import type { Config } from '../config'
import type { Db } from '../db/pool'
import type { CircuitBreaker } from '../webflow/circuit-breaker'
import type { RateGate } from '../webflow/rate-gate'
import type { Boss } from './boss'

/** What every job handler receives besides its parsed payload. */
export type JobContext = {
  db: Db
  boss: Boss
  log: Logger
  config: Config
  gate: RateGate
  breaker: CircuitBreaker
}
