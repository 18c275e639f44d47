import { AlertList, AlertQuery } from '@bindery/shared/api/admin-alerts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Config } from '../config'
import { listIncidents, listOpenIncidents } from '../db/alert-incidents'
import type { Db } from '../db/pool'
import { runbookRef } from './alert-message'
import { consolePath } from './conditions'

/** `GET /admin/api/alerts?state=open|all`: incidents, for the console and the CLI. */
export const alertRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (app, { db, config }) => {
  app.get('/alerts', { schema: { querystring: AlertQuery, response: { 200: AlertList } } }, async (req) => {
    const rows =
      req.query.state === 'open'
        ? (await listOpenIncidents(db)).slice(0, req.query.limit)
        : await listIncidents(db, req.query.limit)
    return {
      items: rows.map((i) => ({
        id: i.id,
        kind: i.kind,
        subject: i.subject,
        summary: i.summary,
        details: i.details,
        openedAt: i.openedAt.toISOString(),
        notifiedAt: i.notifiedAt?.toISOString() ?? null,
        resolvedAt: i.resolvedAt?.toISOString() ?? null,
        consoleUrl: `${config.publicUrl}${consolePath(i.kind, i.subject, i.details)}`,
        runbook: runbookRef(i.kind),
      })),
    }
  })
}
