import {
  HoldDecision,
  HoldDecisionRequest,
  HoldList,
  HoldListQuery,
  HoldParams,
} from '@bindery/shared/api/holds'
import { SiteParams } from '@bindery/shared/api/site'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppContext } from '../context/app-context'
import { type DeleteHold, listHolds } from '../db/delete-holds'
import { actorOf } from '../plugins/actor'
import { confirmHold, rejectHold } from '../sync/decide-hold'

/**
 * Held deletes of one site (mass deletes, and every delete of a link in delete mode 'hold'): list,
 * confirm (the deletes happen), reject (nothing is lost: the items stay or come back), the whole hold
 * or some of its items. Registered in the admin scope (`/admin/api/sites/:siteId`) and the designer
 * scope (`/api/sites/:siteId`: reading for every role, deciding for those who edit).
 */
export const holdRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/holds',
    { schema: { params: SiteParams, querystring: HoldListQuery, response: { 200: HoldList } } },
    async (req) => ({
      holds: (await listHolds(ctx.db, { siteId: req.params.siteId, ...req.query })).map(holdJson),
    }),
  )

  for (const [verb, decide] of [
    ['confirm', confirmHold],
    ['reject', rejectHold],
  ] as const) {
    app.post(
      `/holds/:holdId/${verb}`,
      {
        schema: {
          params: HoldParams,
          body: HoldDecisionRequest.nullish(),
          response: { 200: HoldDecision },
        },
      },
      async (req) => {
        const out = await decide(
          ctx,
          req.params.siteId,
          req.params.holdId,
          actorOf(req),
          req.body?.hubItemIds,
        )
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
