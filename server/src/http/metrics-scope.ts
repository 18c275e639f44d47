import bearerAuth from '@fastify/bearer-auth'
import type { FastifyPluginAsync } from 'fastify'
import type { Config } from '../config'
import type { Db } from '../db/pool'
import { metricsRoutes } from '../metrics/metrics-route'
import { markAudience } from './audience'
import { envelope } from './error-handler'

/**
 * The metrics audience: `GET /metrics` for a Prometheus scraper, with `Authorization: Bearer` and
 * METRICS_TOKEN (so the scraper need not hold the admin token) or the admin token.
 */
export const metricsScope: FastifyPluginAsync<{ config: Config; db: Db }> = async (scope, { config, db }) => {
  markAudience(scope, 'metrics')
  await scope.register(bearerAuth, {
    keys: new Set([config.adminToken, ...(config.metricsToken ? [config.metricsToken] : [])]),
    errorResponse: (() =>
      envelope('unauthorized', 'metrics token required (Authorization: Bearer)')) as never,
    verifyErrorLogLevel: 'info',
  })
  await scope.register(metricsRoutes, { db })
}
