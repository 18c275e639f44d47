import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { SimContext } from './context.ts'
import { internalError, notAuthorized, tooManyRequests } from './errors.ts'
import type { Faults } from './faults.ts'
import type { RateLimiter } from './rate-limit.ts'
import type { Timers } from './timers.ts'

/**
 * The bearer-token pipeline of /v2 and /beta: 401 for a missing, unknown or revoked token,
 * the per-token rate limit with its headers, then injected faults.
 */
export function installApiHooks(
  app: FastifyInstance,
  ctx: SimContext,
  limiter: RateLimiter,
  faults: Faults,
  timers: Timers,
): void {
  const hang = async (req: FastifyRequest, ms: number) => {
    await timers.sleep(ms)
    req.raw.socket?.destroy()
  }

  // Plain callback hooks, not async ones: this runs on every /v2 request and promises cost throughput.
  app.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    const header = req.headers.authorization
    const token = header?.startsWith('Bearer ') ? ctx.store.tokens.get(header.slice(7).trim()) : undefined
    if (!token || token.revoked) return done(notAuthorized())
    req.token = token
    const now = ctx.now()
    token.lastUsed = now
    if (ctx.config.rateLimit !== 'off') {
      const take = limiter.take(token, now)
      reply.header('x-ratelimit-limit', take.limit)
      reply.header('x-ratelimit-remaining', take.ok ? take.remaining : 0)
      if (!take.ok) return done(tooManyRequests(ctx.config.retryAfterSeconds ?? take.retryAfter))
    }
    if (!faults.requestFaultsOn) return done()
    injectFault(req).then(() => done(), done)
  })

  const injectFault = async (req: FastifyRequest) => {
    const key = `${req.method} ${req.routeOptions.url}`
    const sites = faults.config.sites.length ? ctx.store.sitesOf(req.token!).map((s) => s.id) : []
    const latency = faults.latencyFor(key, sites)
    if (latency > 0) await timers.sleep(latency)
    const fault = faults.draw(key, sites)
    if (!fault) return
    if (fault.kind === 'error') throw internalError()
    if (fault.kind === '429') throw tooManyRequests(fault.retryAfter)
    if (fault.commit) {
      req.hangAfterMs = fault.hangMs
      return
    }
    // Timeout without commit: the handler never runs; the client waits and then loses the socket.
    await hang(req, fault.hangMs)
    throw internalError()
  }

  // Timeout that commits: the handler has applied the write; the answer never arrives.
  app.addHook('onSend', (req, _reply, payload, done) => {
    if (req.hangAfterMs === null) return done(null, payload)
    hang(req, req.hangAfterMs).then(() => done(null, payload), done)
  })
}
