import type { BreakerState } from '@bindery/shared/api/admin-reliability'
import type { Queryable } from './pool'

/** The `circuit_breakers` table: one breaker per token, shared by every process (webflow/pg-circuit-breaker.ts). */

export type BreakerRow = {
  state: 'closed' | 'open' | 'half_open'
  /** Failures in a row so far. */
  failures: number
  openUntil: Date | null
  probeUntil: Date | null
}

export async function getBreaker(db: Queryable, key: string): Promise<BreakerRow | undefined> {
  const { rows } = await db.query<{
    state: BreakerRow['state']
    failures: number
    open_until: Date | null
    probe_until: Date | null
  }>('select state, failures, open_until, probe_until from circuit_breakers where token_key = $1', [key])
  const r = rows[0]
  return r && { state: r.state, failures: r.failures, openUntil: r.open_until, probeUntil: r.probe_until }
}

/** Claims the half-open probe when the cooldown (or a previous probe's lease) is over; true for the one winner. */
export async function claimProbe(db: Queryable, key: string, leaseUntil: Date, now: Date): Promise<boolean> {
  const probe = await db.query(
    `update circuit_breakers set state = 'half_open', probe_until = $2, updated_at = now()
     where token_key = $1
       and ((state = 'open' and open_until <= $3) or (state = 'half_open' and probe_until <= $3))`,
    [key, leaseUntil, now],
  )
  return !!probe.rowCount
}

/** A success closes the breaker and forgets the failures. */
export async function closeBreaker(db: Queryable, key: string) {
  await db.query(
    `update circuit_breakers set state = 'closed', failures = 0, cooldown_ms = 0, open_until = null,
       probe_until = null, updated_at = now()
     where token_key = $1 and (state <> 'closed' or failures > 0)`,
    [key],
  )
}

/**
 * Counts a failure: the `threshold`-th in a row opens the breaker for `cooldownMs`; a failed probe
 * reopens it for twice its last cooldown, up to `maxCooldownMs`.
 */
export async function recordBreakerFailure(
  db: Queryable,
  key: string,
  error: string,
  o: { threshold: number; cooldownMs: number; maxCooldownMs: number; now: Date },
) {
  const ms = (sql: string) => `$6::timestamptz + (${sql}) * interval '1 millisecond'`
  const opens = `b.state = 'closed' and b.failures + 1 >= $3`
  const doubled = 'least($5::int, greatest(b.cooldown_ms, $4::int) * 2)'
  await db.query(
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
    [key, error.slice(0, 500), o.threshold, o.cooldownMs, o.maxCooldownMs, o.now],
  )
}

/** The breaker of a token as the reliability page shows it (closed when it never failed). */
export async function getBreakerState(db: Queryable, key: string): Promise<BreakerState> {
  const { rows } = await db.query<{
    state: BreakerState['state']
    failures: number
    open_until: Date | null
    last_error: string | null
  }>('select state, failures, open_until, last_error from circuit_breakers where token_key = $1', [key])
  const r = rows[0]
  return {
    state: r?.state ?? 'closed',
    failures: r?.failures ?? 0,
    openUntil: r?.open_until?.toISOString() ?? null,
    lastError: r?.last_error ?? null,
  }
}
