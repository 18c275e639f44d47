import { METRIC_RETENTION_DAYS, MetricSeries, MetricSeriesQuery } from '@bindery/shared/api/admin-metrics'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { listSamples } from '../db/metric-samples'
import type { Db } from '../db/pool'
import { buildSeries } from './minute-series'

const DAY_MS = 24 * 3600_000

/** `GET /admin/api/metrics/series?since&until`: the stored minute samples, for the console's charts. */
export const metricSeriesRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/metrics/series',
    { schema: { querystring: MetricSeriesQuery, response: { 200: MetricSeries } } },
    async (req) => {
      const until = req.query.until ? new Date(req.query.until) : new Date()
      const asked = req.query.since ? new Date(req.query.since) : new Date(until.getTime() - DAY_MS)
      // Nothing older than the retention is kept; a wider window would only read empty minutes.
      const since = new Date(Math.max(asked.getTime(), until.getTime() - METRIC_RETENTION_DAYS * DAY_MS))
      return buildSeries(await listSamples(db, since, until), since, until)
    },
  )
}
