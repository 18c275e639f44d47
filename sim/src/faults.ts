import { z } from 'zod'

// Fault injection (control API PUT /_sim/faults). Every draw uses the seeded PRNG so a chaos
// run with the same seed and request order fails the same way.

const rate = z.number().min(0).max(1)

export const FaultConfig = z.object({
  /** Route globs the request faults apply to, e.g. "POST /v2/collections/*"; empty → every /v2 route. */
  routes: z.array(z.string()).default([]),
  /** Site ids: the request faults hit only tokens that reach one of them (one tenant's storm); empty → every token. */
  sites: z.array(z.string()).default([]),
  /** Probability of a 500 internal_error (before the handler runs, nothing is written). */
  errorRate: rate.default(0),
  /** Probability of a spurious 429 too_many_requests. */
  rate429: rate.default(0),
  /** Retry-After sent with spurious 429s. */
  retryAfterSeconds: z.number().int().positive().default(1),
  /** Added latency per request. */
  latencyMs: z.number().int().nonnegative().default(0),
  /** Probability that the request never gets an answer: the socket is held for hangMs, then destroyed. */
  timeoutRate: rate.default(0),
  /** Apply the write before hanging: the idempotency trap (client sees a timeout, the change exists). */
  /** true, false, or the probability that a timed-out write was applied before the hang. */
  commitBeforeTimeout: z.union([z.boolean(), rate]).default(false),
  hangMs: z.number().int().nonnegative().default(30_000),
  /** Item ids an item publish reports in `errors` instead of publishing (a partial failure). */
  refusePublish: z.array(z.string()).default([]),
  webhooks: z
    .object({
      loseRate: rate.default(0),
      duplicateRate: rate.default(0),
      delayMs: z.number().int().nonnegative().default(0),
      /** Deliver each webhook's pending queue in random order. */
      reorder: z.boolean().default(false),
    })
    .default({ loseRate: 0, duplicateRate: 0, delayMs: 0, reorder: false }),
})
export type FaultConfig = z.infer<typeof FaultConfig>

export type RequestFault =
  | { kind: 'error' }
  | { kind: '429'; retryAfter: number }
  | { kind: 'timeout'; commit: boolean; hangMs: number }

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')
  return new RegExp(`^${escaped}$`)
}

export class Faults {
  config: FaultConfig = FaultConfig.parse({})
  private patterns: RegExp[] = []

  constructor(private random: () => number) {}

  set(input: unknown): FaultConfig {
    this.config = FaultConfig.parse(input)
    this.patterns = this.config.routes.map(globToRegExp)
    return this.config
  }

  clear(): void {
    this.set({})
  }

  get requestFaultsOn(): boolean {
    const c = this.config
    return c.errorRate > 0 || c.rate429 > 0 || c.latencyMs > 0 || c.timeoutRate > 0
  }

  /** `siteIds`: the sites the request's token reaches. */
  private applies(routeKey: string, siteIds: string[]): boolean {
    const sites = this.config.sites
    if (sites.length && !siteIds.some((id) => sites.includes(id))) return false
    return this.patterns.length === 0 || this.patterns.some((p) => p.test(routeKey))
  }

  latencyFor(routeKey: string, siteIds: string[]): number {
    return this.config.latencyMs > 0 && this.applies(routeKey, siteIds) ? this.config.latencyMs : 0
  }

  draw(routeKey: string, siteIds: string[]): RequestFault | null {
    const c = this.config
    if (!this.applies(routeKey, siteIds)) return null
    if (c.errorRate > 0 && this.random() < c.errorRate) return { kind: 'error' }
    if (c.rate429 > 0 && this.random() < c.rate429) return { kind: '429', retryAfter: c.retryAfterSeconds }
    if (c.timeoutRate > 0 && this.random() < c.timeoutRate) {
      const commit =
        typeof c.commitBeforeTimeout === 'number' ? this.chance(c.commitBeforeTimeout) : c.commitBeforeTimeout
      return { kind: 'timeout', commit, hangMs: c.hangMs }
    }
    return null
  }

  chance(p: number): boolean {
    return p > 0 && this.random() < p
  }
}
