import cors from '@fastify/cors'
import type { FastifyInstance } from 'fastify'

/**
 * CORS for the Designer panel: exactly the EXTENSION_ORIGINS, on `/api/*` only. Webhooks, OAuth and
 * admin routes are never called from a browser on another origin, so they get no CORS headers.
 */
export async function installApiCors(app: FastifyInstance, origins: string[]) {
  const allowed = new Set(origins)
  await app.register(cors, {
    delegator: (req, cb) => {
      const api = (req.url ?? '').startsWith('/api/')
      cb(null, {
        origin: api ? (origin, done) => done(null, origin !== undefined && allowed.has(origin)) : false,
        methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowedHeaders: ['Authorization', 'Content-Type'],
        credentials: false,
        maxAge: 600,
      })
    },
  })
}
