import { HoldDecision, HoldList, HoldListQuery, HoldParams } from '@bindery/shared/api/holds'
import { SiteParams } from '@bindery/shared/api/site'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { type DeleteHold, listHolds } from '../db/delete-holds'
import type { JobContext } from '../jobs/job-context'
import { confirmHold, rejectHold } from '../sync/decide-hold'

/**
 * Held mass deletes of one site, for support: list, confirm (the deletes happen), reject (nothing is
 * lost: the items stay or come back). Paths are relative to the admin scope `/admin/api/sites/:siteId`.
 */
export const holdRoutes: FastifyPluginAsyncZod<{ jobs: JobContext }> = async (app, { jobs }) => {
  app.get(
    '/holds',
    { schema: { params: SiteParams, querystring: HoldListQuery, response: { 200: HoldList } } },
    async (req) => ({
      holds: (await listHolds(jobs.db, { siteId: req.params.siteId, ...req.query })).map(holdJson),
    }),
  )

  for (const [verb, decide] of [
    ['confirm', confirmHold],
    ['reject', rejectHold],
  ] as const) {
    app.post(
      `/holds/:holdId/${verb}`,
      { schema: { params: HoldParams, response: { 200: HoldDecision } } },
      async (req) => {
        const out = await decide(jobs, req.params.siteId, req.params.holdId, 'admin')
        return { ...out, hold: holdJson(out.hold) }
      },
    )
  }
}

function holdJson(h: DeleteHold) {
  return {
    ...h,
    createdAt: h.createdAt.toISOString(),
    decidedAt: h.decidedAt?.toISOString() ?? null,
  }
}
