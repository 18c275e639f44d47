import { claimProbe, closeBreaker, getBreaker, recordBreakerFailure } from '../db/circuit-breakers'
import type { Queryable } from '../db/pool'
import { type CircuitBreaker, CircuitOpenError } from './circuit-breaker'

export type PgCircuitBreakerOptions = {
  /** Consecutive failures that open the breaker. */
  threshold?: number
  /** The first cooldown; each failed probe doubles it, up to `maxCooldownMs`. */
  cooldownMs?: number
  maxCooldownMs?: number
  /** How long a half-open probe may take before another caller may probe instead. */
  probeLeaseMs?: number
  clock?: () => number
}

/**
 * The per-token breaker, in the `circuit_breakers` table so every process sees one state. Keyed by
 * the token (installation id): a token serves its sites, and Webflow failing for one of them is
 * Webflow failing for the token. closed → open after `threshold` consecutive failures → after the
 * cooldown one caller probes (half-open) → its success closes, its failure reopens for twice as long.
 */
export class PgCircuitBreaker implements CircuitBreaker {
  private readonly threshold: number
  private readonly cooldownMs: number
  private readonly maxCooldownMs: number
  private readonly probeLeaseMs: number
  private readonly now: () => number
  /**
   * Tokens whose breaker this process last found closed with no failure: a success there has
   * nothing to reset, so it writes nothing (a busy token makes a request after another). A failure
   * this process records, or one another process recorded that the next `before` finds, ends that.
   */
  private readonly clean = new Set<string>()

  constructor(
    private db: Queryable,
    o: PgCircuitBreakerOptions = {},
  ) {
    this.threshold = o.threshold ?? 5
    this.cooldownMs = o.cooldownMs ?? 30_000
    this.maxCooldownMs = o.maxCooldownMs ?? 600_000
    this.probeLeaseMs = o.probeLeaseMs ?? 60_000
    this.now = o.clock ?? Date.now
  }

  async before(key: string): Promise<void> {
    const row = await getBreaker(this.db, key)
    if (!row || (row.state === 'closed' && row.failures === 0)) this.clean.add(key)
    else this.clean.delete(key)
    if (!row || row.state === 'closed') return
    const now = new Date(this.now())
    // Only one caller wins the probe: the update matches for the first one alone.
    if (await claimProbe(this.db, key, new Date(now.getTime() + this.probeLeaseMs), now)) return
    const retryAt = row.state === 'open' && row.openUntil ? row.openUntil : (row.probeUntil ?? now)
    throw new CircuitOpenError(key, retryAt)
  }

  async success(key: string): Promise<void> {
    if (this.clean.has(key)) return
    await closeBreaker(this.db, key)
  }

  async failure(key: string, error: string): Promise<void> {
    this.clean.delete(key)
    // A failed probe reopens for twice the cooldown; the threshold-th failure in a row opens.
    await recordBreakerFailure(this.db, key, error, {
      threshold: this.threshold,
      cooldownMs: this.cooldownMs,
      maxCooldownMs: this.maxCooldownMs,
      now: new Date(this.now()),
    })
  }
}
