import type { FastifyPluginAsync } from 'fastify'
import { safeEqual } from '../crypto/hmac'
import { AppError } from '../http/app-error'

/**
 * Bearer ADMIN_TOKEN on every route of the scope it is registered in (it skips Fastify's
 * encapsulation, like fastify-plugin, so the hook lands in the caller's scope):
 *
 *   app.register(async (admin) => { await admin.register(adminAuth, { token }); admin.get(...) })
 */
export const adminAuth: FastifyPluginAsync<{ token: string }> = async (scope, { token }) => {
  scope.addHook('onRequest', async (req) => {
    const match = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')
    // safeEqual hashes both sides first, so neither content nor length leaks through timing.
    if (!match || !safeEqual(match[1]!, token)) {
      throw new AppError(401, 'unauthorized', 'admin token required (Authorization: Bearer)')
    }
  })
}
;(adminAuth as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true
