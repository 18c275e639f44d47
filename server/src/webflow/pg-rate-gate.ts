import type { Queryable } from '../db/pool'
import { observeBudget, pauseBudget, reserveSlot } from '../db/rate-budgets'
import { BudgetWait, maxBudgetWaitMs } from './budget-scope'
import type { RateGate } from './rate-gate'

export type PgRateGateOptions = {
  /** The limit of a token seen for the first time, until Webflow's headers tell the real one. */
  defaultLimit?: number
  /** Webflow's rolling window. */
  windowMs?: number
  /**
   * Added to the window: a send is logged when its slot is reserved, Webflow counts it when it
   * arrives, and the delay between the two varies (event loop, network). The margin keeps the
   * spacing Webflow sees at least one window.
   */
  marginMs?: number
  /** Milliseconds since the epoch; unset, Postgres's clock is used, which every process shares. */
  clock?: () => number
  sleep?: (ms: number) => Promise<void>
}

/**
 * The rate budget of every token, shared by all processes through one `rate_budgets` row per token.
 * `acquire` reserves a send slot in one short statement (`rate_budget_reserve`, migration 0017) and
 * sleeps until it: tickets are handed out in arrival order, so the sites and links sharing a token
 * take turns and no waiting caller starves. Inside `yieldingAfter` (budget-scope.ts) a slot further
 * away than the scope allows is not reserved: BudgetWait is thrown, and the job gives its worker slot
 * back until then. A token's first row is sized from its installation's
 * introspected limit; `observe` corrects it from Webflow's headers; `pause` holds the token after
 * a 429 for its `Retry-After`.
 */
export class PgRateGate implements RateGate {
  private readonly defaultLimit: number
  private readonly windowMs: number
  private readonly sleep: (ms: number) => Promise<void>

  constructor(
    private db: Queryable,
    private o: PgRateGateOptions = {},
  ) {
    // Webflow's lowest plan limit: safe until the token's own limit is known.
    this.defaultLimit = o.defaultLimit ?? 60
    this.windowMs = (o.windowMs ?? 60_000) + (o.marginMs ?? 1_000)
    this.sleep = o.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)))
  }

  /** Resolves at the granted slot, with its time (milliseconds since the epoch). */
  async acquire(tokenKey: string): Promise<number> {
    const slot = await reserveSlot(
      this.db,
      tokenKey,
      this.defaultLimit,
      this.windowMs,
      this.o.clock?.() ?? null,
      maxBudgetWaitMs(),
    )
    if (!slot.reserved) throw new BudgetWait(slot.waitMs)
    if (slot.waitMs > 0) await this.sleep(slot.waitMs)
    return slot.slotMs
  }

  async observe(tokenKey: string, limit: number, remaining: number): Promise<void> {
    const used = Math.max(0, limit - remaining)
    await observeBudget(this.db, tokenKey, limit, used, this.windowMs, this.o.clock?.() ?? null)
  }

  async pause(tokenKey: string, seconds: number): Promise<void> {
    await pauseBudget(
      this.db,
      tokenKey,
      this.defaultLimit,
      this.o.clock?.() ?? null,
      Math.ceil(seconds * 1000),
    )
  }
}
