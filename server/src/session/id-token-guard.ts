import { createHash } from 'node:crypto'
import type { RateGate } from '../webflow/rate-gate'

/**
 * What stands between an anonymous `POST /api/session` and the site's Webflow token. Resolving an
 * ID token spends a request of the installation's token, the same token sync uses, so:
 * - what is not shaped like a JWT is refused before anything else (`looksLikeIdToken`);
 * - a token Webflow refused is remembered for a minute and refused again without asking;
 * - each installation has a small budget of resolutions per minute of its own; past it the
 *   caller gets a 429 at once, never a wait, and never a ticket in sync's rate gate.
 */
export const ID_TOKEN_BUDGET_PER_MINUTE = 10
const FAILED_TTL_MS = 60_000
const MAX_REMEMBERED = 10_000
const JWT_SHAPE = /^[A-Za-z0-9_-]{10,2048}\.[A-Za-z0-9_-]{10,4096}\.[A-Za-z0-9_-]{10,1024}$/

export function looksLikeIdToken(token: string): boolean {
  if (!JWT_SHAPE.test(token)) return false
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'))
    return typeof header === 'object' && header !== null && typeof header.alg === 'string'
  } catch {
    return false
  }
}

export class IdTokenGuard {
  private failed = new Map<string, number>()
  private spent = new Map<string, number[]>()

  constructor(
    private perMinute = ID_TOKEN_BUDGET_PER_MINUTE,
    private now: () => number = Date.now,
  ) {}

  /** True when Webflow refused this very token within the last minute. */
  refusedRecently(token: string): boolean {
    const key = digest(token)
    const until = this.failed.get(key)
    if (until === undefined) return false
    if (until > this.now()) return true
    this.failed.delete(key)
    return false
  }

  rememberRefused(token: string) {
    // Oldest first out: a flood of distinct tokens cannot grow the map without bound.
    if (this.failed.size >= MAX_REMEMBERED) this.failed.delete(this.failed.keys().next().value!)
    this.failed.set(digest(token), this.now() + FAILED_TTL_MS)
  }

  /** Takes one resolution from the installation's budget; else the seconds until one frees up. */
  take(installationId: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.now()
    const log = (this.spent.get(installationId) ?? []).filter((t) => t > now - 60_000)
    if (log.length >= this.perMinute) {
      this.spent.set(installationId, log)
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((log[0]! + 60_000 - now) / 1000)) }
    }
    log.push(now)
    this.spent.set(installationId, log)
    return { ok: true }
  }
}

/**
 * The gate of ID-token resolution: it never waits in (or takes a slot of) sync's gate; Webflow's
 * headers and 429s still reach the shared gate, so sync paces itself by what the token really used.
 */
export function resolutionGate(shared: RateGate): RateGate {
  return {
    acquire: async () => {},
    observe: (key, limit, remaining) => shared.observe(key, limit, remaining),
    pause: (key, seconds) => shared.pause(key, seconds),
  }
}

const digest = (token: string) => createHash('sha256').update(token).digest('base64url')
