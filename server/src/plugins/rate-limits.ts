import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { AppError } from '../vocabulary/app-error'

/**
 * Request limits per minute, in-process (README "Security"): a crowd of anonymous callers cannot
 * exhaust the database, the site's Webflow token or the CPU through the public doors, and one
 * content API key cannot starve the others. Past a limit: 429 `rate_limited` with `Retry-After`.
 */
export const LIMITS = {
  /** `POST /api/session`, per client IP and per site. */
  sessionPerIp: 30,
  sessionPerSite: 60,
  /** `GET /oauth/install` and `GET /oauth/callback`, per client IP. */
  installPerIp: 30,
  /** The support console's sign-in and sign-out, per client IP (guessing the admin token). */
  consoleSignInPerIp: 10,
  /** The content API, per API key. */
  contentPerKey: 1200,
}
export const WINDOW = '1 minute'

const tooMany = (after: string) => new AppError(429, 'rate_limited', `too many requests; retry in ${after}`)

/**
 * The limiter, registered on the root (a fastify-plugin, so every scope shares it); routes opt in
 * with `config.rateLimit` or `limitBy`.
 */
export const rateLimits = fp(
  async (app: FastifyInstance) => {
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_req, ctx) => tooMany(ctx.after),
    })
  },
  { name: 'bindery-rate-limits' },
)

/** Route config for a per-IP limit. */
export const perIp = (max: number) => ({ rateLimit: { max, timeWindow: WINDOW } })

/**
 * A limit keyed by what is only known later (a site id from the body, an API key), for a hook or
 * a handler: throws the 429 (with `Retry-After`) once `keyOf(req)` made more than `max` calls.
 */
export function limitBy(app: FastifyInstance, max: number, keyOf: (req: FastifyRequest) => string) {
  const check = app.createRateLimit({ max, timeWindow: WINDOW, keyGenerator: keyOf })
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const r = await check(req)
    if (!r.isAllowed && r.isExceeded) {
      reply.header('retry-after', r.ttlInSeconds)
      throw tooMany(`${r.ttlInSeconds} seconds`)
    }
  }
}
