import {
  ConsoleOverview,
  ItemDetail,
  ItemHistory,
  ItemHistoryQuery,
  ItemParams,
  ItemSearchQuery,
  ItemSearchResult,
} from '@bindery/shared/api/console'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppContext } from '../context/app-context'
import { findItems } from '../db/item-lookup'
import { consoleOverview } from './console-overview'
import { itemDetail, itemHistory, toItemMatch } from './item-lookup'

/**
 * The reads the support console needs beyond the CLI's, in the admin scope (`/admin/api`): the
 * overview of every site, and an item's lookup, both sides and history. The CLI's `item` uses them too.
 */
export const consoleReadRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/overview', { schema: { response: { 200: ConsoleOverview } } }, async () =>
    consoleOverview(ctx.db),
  )

  app.get(
    '/items',
    { schema: { querystring: ItemSearchQuery, response: { 200: ItemSearchResult } } },
    async (req) => ({
      items: (await findItems(ctx.db, req.query.q, req.query.siteId ?? null)).map(toItemMatch),
    }),
  )

  app.get(
    '/sites/:siteId/items/:hubItemId',
    { schema: { params: ItemParams, response: { 200: ItemDetail } } },
    async (req) => itemDetail(ctx, req.params.siteId, req.params.hubItemId),
  )

  app.get(
    '/sites/:siteId/items/:hubItemId/history',
    { schema: { params: ItemParams, querystring: ItemHistoryQuery, response: { 200: ItemHistory } } },
    async (req) =>
      itemHistory(ctx.db, req.params.siteId, req.params.hubItemId, req.query.before, req.query.limit),
  )
}
