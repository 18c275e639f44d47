import type { Queryable } from './pool'

/**
 * The `rate_budgets` table: one row per token, its send slots handed out by the functions of
 * migrations 0005 and 0017 (webflow/pg-rate-gate.ts). `clockMs` null means Postgres's clock.
 */

/** A send slot the gate granted (`reserved`), or the earliest one when it is further than asked. */
export type SlotAnswer = { waitMs: number; slotMs: number; reserved: boolean }

/**
 * Reserves a send slot (migration 0017); with `maxWaitMs`, only one at most that far away: a later
 * one is answered but not reserved.
 */
export async function reserveSlot(
  db: Queryable,
  tokenKey: string,
  defaultLimit: number,
  windowMs: number,
  clockMs: number | null,
  maxWaitMs: number | null = null,
): Promise<SlotAnswer> {
  const { rows } = await db.query<{ wait_ms: string; slot_ms: string; reserved: boolean }>(
    'select * from rate_budget_reserve($1, $2, $3, $4, $5)',
    [tokenKey, defaultLimit, windowMs, clockMs, maxWaitMs],
  )
  const r = rows[0]!
  return { waitMs: Number(r.wait_ms), slotMs: Number(r.slot_ms), reserved: r.reserved }
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

/** Webflow's lowest plan limit: what the rate gate assumes until a token's own limit is known. */
const DEFAULT_PER_MINUTE = 60

/**
 * The requests per minute of the token serving a site: the rate gate's row for its installation
 * (corrected from Webflow's headers), else the introspected limit, else the lowest plan's.
 */
export async function budgetOfSite(db: Queryable, siteId: string): Promise<number> {
  const { rows } = await db.query<{ per_minute: number | null }>(
    `select coalesce(b.rate_limit, i.rate_limit) as per_minute
     from sites s join installations i on i.id = s.installation_id
       left join rate_budgets b on b.token_key = i.id::text
     where s.id = $1`,
    [siteId],
  )
  return rows[0]?.per_minute ?? DEFAULT_PER_MINUTE
}

/** Items waiting for a push on the other links the same token serves, per link. */
export async function pendingOnToken(db: Queryable, siteId: string, exceptLinkId: string | null) {
  const { rows } = await db.query<{ link_id: string; n: number }>(
    `select il.link_id, count(*)::int as n
     from item_links il join links l on l.id = il.link_id join sites s on s.id = l.site_id
     where s.installation_id = (select installation_id from sites where id = $1)
       and l.disconnected_at is null and l.direction <> 'pull-only' and l.state <> 'paused'
       and il.dirty and il.sync_state not in ('conflict', 'failed')
       and ($2::uuid is null or l.id <> $2)
     group by il.link_id`,
    [siteId, exceptLinkId],
  )
  return rows.map((r) => r.n)
}
