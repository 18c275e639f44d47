import type { Queryable } from './pool'

/**
 * The `rate_budgets` table: one row per token, its send slots handed out by the functions of
 * migration 0005 (webflow/pg-rate-gate.ts). `clockMs` null means Postgres's clock.
 */

/** Reserves a send slot; returns the milliseconds to wait for it. */
export async function reserveSlot(
  db: Queryable,
  tokenKey: string,
  defaultLimit: number,
  windowMs: number,
  clockMs: number | null,
): Promise<number> {
  const { rows } = await db.query<{ wait: string }>('select rate_budget_reserve($1, $2, $3, $4) as wait', [
    tokenKey,
    defaultLimit,
    windowMs,
    clockMs,
  ])
  return Number(rows[0]!.wait)
}

/** Corrects the token's budget from Webflow's headers (its limit, and how much of it is used). */
export async function observeBudget(
  db: Queryable,
  tokenKey: string,
  limit: number,
  used: number,
  windowMs: number,
  clockMs: number | null,
) {
  await db.query('select rate_budget_observe($1, $2, $3, $4, $5)', [tokenKey, limit, used, windowMs, clockMs])
}

/** Holds the token for `pauseMs` (a 429's Retry-After); a longer hold already in place stays. */
export async function pauseBudget(
  db: Queryable,
  tokenKey: string,
  defaultLimit: number,
  clockMs: number | null,
  pauseMs: number,
) {
  await db.query(
    `insert into rate_budgets (token_key, rate_limit, paused_until_ms)
     values ($1, $2, coalesce($3, (extract(epoch from clock_timestamp()) * 1000)::bigint) + $4::bigint)
     on conflict (token_key) do update
       set paused_until_ms = greatest(rate_budgets.paused_until_ms, excluded.paused_until_ms), updated_at = now()`,
    [tokenKey, defaultLimit, clockMs, pauseMs],
  )
}
