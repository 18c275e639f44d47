import { planRateLimit } from './plans.ts'
import type { RuntimeConfig } from './sim-options.ts'
import type { Store, TokenRec } from './store.ts'

const windowMs = 60_000

export type Take =
  | { ok: true; limit: number; remaining: number }
  | { ok: false; limit: number; retryAfter: number }

/** Per-token sliding 60 s window (docs/webflow.md, Rate limits). Each HTTP request costs one, bulk included. */
export class RateLimiter {
  private hits = new Map<string, number[]>()

  constructor(
    private store: Store,
    private config: RuntimeConfig,
  ) {}

  /** The token's limit: a configured number, or the best plan among the sites it reaches. */
  limitFor(token: TokenRec): number {
    const setting = this.config.rateLimit
    if (typeof setting === 'number') return setting
    let limit = 0
    for (const site of this.store.sitesOf(token)) limit = Math.max(limit, planRateLimit(site.plan))
    return limit || 60
  }

  take(token: TokenRec, now: number): Take {
    const limit = this.limitFor(token)
    let hits = this.hits.get(token.token)
    if (!hits) {
      hits = []
      this.hits.set(token.token, hits)
    }
    while (hits.length > 0 && (hits[0] as number) <= now - windowMs) hits.shift()
    if (hits.length >= limit) {
      const oldest = hits[hits.length - limit] as number
      const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000))
      return { ok: false, limit, retryAfter }
    }
    hits.push(now)
    return { ok: true, limit, remaining: limit - hits.length }
  }

  reset(): void {
    this.hits.clear()
  }
}
