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

type Row = { state: 'closed' | 'open' | 'half_open'; open_until: Date | null; probe_until: Date | null }

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
    const { rows } = await this.db.query<Row>(
      'select state, open_until, probe_until from circuit_breakers where token_key = $1',
      [key],
    )
    const row = rows[0]
    if (!row || row.state === 'closed') return
    const now = new Date(this.now())
    // Only one caller wins the probe: the update matches for the first one alone.
    const probe = await this.db.query(
      `update circuit_breakers set state = 'half_open', probe_until = $2, updated_at = now()
       where token_key = $1
         and ((state = 'open' and open_until <= $3) or (state = 'half_open' and probe_until <= $3))`,
      [key, new Date(now.getTime() + this.probeLeaseMs), now],
    )
    if (probe.rowCount) return
    const retryAt = row.state === 'open' && row.open_until ? row.open_until : (row.probe_until ?? now)
    throw new CircuitOpenError(key, retryAt)
  }

  async success(key: string): Promise<void> {
    await this.db.query(
      `update circuit_breakers set state = 'closed', failures = 0, cooldown_ms = 0, open_until = null,
         probe_until = null, updated_at = now()
       where token_key = $1 and (state <> 'closed' or failures > 0)`,
      [key],
    )
  }

  async failure(key: string, error: string): Promise<void> {
    // A failed probe reopens for twice the cooldown; the threshold-th failure in a row opens.
    const ms = (sql: string) => `$6::timestamptz + (${sql}) * interval '1 millisecond'`
    const opens = `b.state = 'closed' and b.failures + 1 >= $3`
    const doubled = 'least($5::int, greatest(b.cooldown_ms, $4::int) * 2)'
    await this.db.query(
      `insert into circuit_breakers as b (token_key, failures, last_error, state, cooldown_ms, open_until)
       values ($1, 1, $2, case when $3 <= 1 then 'open' else 'closed' end, case when $3 <= 1 then $4 else 0 end,
         case when $3 <= 1 then ${ms('$4::int')} end)
       on conflict (token_key) do update set
         failures = b.failures + 1,
         last_error = excluded.last_error,
         state = case when b.state = 'half_open' or (${opens}) then 'open' else b.state end,
         cooldown_ms = case when b.state = 'half_open' then ${doubled} when ${opens} then $4::int
           else b.cooldown_ms end,
         open_until = case when b.state = 'half_open' then ${ms(doubled)} when ${opens} then ${ms('$4::int')}
           else b.open_until end,
         probe_until = null,
         updated_at = now()`,
      [key, error.slice(0, 500), this.threshold, this.cooldownMs, this.maxCooldownMs, new Date(this.now())],
    )
  }
}
