import type { FastifyPluginAsync } from 'fastify'
import type { Db } from '../db/pool'
import { refreshGauges } from './gauges'
import { registry } from './registry'

/** `GET /metrics`: this process's registry in Prometheus text format, global gauges fresh from Postgres. */
export const metricsRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get('/metrics', async (_req, reply) => {
    await refreshGauges(db)
    reply.header('content-type', registry.contentType).header('cache-control', 'no-store')
    return registry.metrics()
  })
}
