/**
 * Paces calls per token so Bindery stays inside Webflow's per-minute budget instead of running into
 * 429s. `observe` corrects the local view with Webflow's own `X-RateLimit-*` headers; `pause` holds
 * every call on a token after a 429 for its `Retry-After`.
 */
export interface RateGate {
  acquire(tokenKey: string): Promise<void>
  observe(tokenKey: string, limit: number, remaining: number): void | Promise<void>
  pause(tokenKey: string, seconds: number): void | Promise<void>
}

const WINDOW_MS = 60_000

type Budget = { limit: number; sent: number[]; pausedUntil: number }

/**
 * One process's gate: a sliding one-minute log of calls per token. Production uses PgRateGate, whose
 * budget every process shares; this one stays for apps built without a working database (tests).
 */
export class LocalRateGate implements RateGate {
  private budgets = new Map<string, Budget>()

  constructor(
    private defaultLimit = 60,
    private now: () => number = Date.now,
    private sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  ) {}

  async acquire(tokenKey: string): Promise<void> {
    const b = this.budget(tokenKey)
    for (;;) {
      const now = this.now()
      while (b.sent.length && b.sent[0]! <= now - WINDOW_MS) b.sent.shift()
      const wait = Math.max(b.pausedUntil - now, b.sent.length >= b.limit ? b.sent[0]! + WINDOW_MS - now : 0)
      if (wait <= 0) {
        b.sent.push(now)
        return
      }
      await this.sleep(wait)
    }
  }

  observe(tokenKey: string, limit: number, remaining: number) {
    const b = this.budget(tokenKey)
    b.limit = limit
    // Webflow counts calls we did not see (other processes, other apps on the token): fill the log.
    const used = limit - remaining
    const now = this.now()
    while (b.sent.length < used) b.sent.unshift(now)
  }

  pause(tokenKey: string, seconds: number) {
    const b = this.budget(tokenKey)
    b.pausedUntil = Math.max(b.pausedUntil, this.now() + seconds * 1000)
  }

  private budget(key: string): Budget {
    let b = this.budgets.get(key)
    if (!b) {
      b = { limit: this.defaultLimit, sent: [], pausedUntil: 0 }
      this.budgets.set(key, b)
    }
    return b
  }
}
