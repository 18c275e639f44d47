import {
  ItemHistory,
  ItemHistoryParams,
  ItemHistoryQuery,
  RestoreCollectionRequest,
  RestoreCollectionResult,
  RestoreVersionRequest,
  RestoreVersionResult,
} from '@bindery/shared/api/history'
import { LinkParams } from '@bindery/shared/api/links'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppContext } from '../context/app-context'
import { listItemHistory } from '../db/audit-log'
import { getItemLinkOnSite } from '../db/item-links'
import type { Link } from '../db/links'
import { actorOf } from '../plugins/actor'
import { historyEntry } from '../sync/item-versions'
import { restoreCollection, restoreVersion } from '../sync/restore-version'

/**
 * An item's history with undo, and a link's collection back to a point in time. Registered by the
 * link routes, so both the panel (designer session) and the admin API have them.
 */
export const historyRoutes: FastifyPluginAsyncZod<{
  ctx: AppContext
  linkOf: (siteId: string, linkId: string) => Promise<Link>
}> = async (app, { ctx, linkOf }) => {
  app.get(
    '/webflow-items/:webflowItemId/history',
    { schema: { params: ItemHistoryParams, querystring: ItemHistoryQuery, response: { 200: ItemHistory } } },
    async (req) => {
      const { siteId, webflowItemId } = req.params
      const found = await getItemLinkOnSite(ctx.db, siteId, webflowItemId)
      const page = await listItemHistory(ctx.db, {
        hubItemId: found?.hubItemId ?? null,
        webflowItemId,
        siteId,
        before: req.query.before ?? null,
        limit: req.query.limit,
      })
      return {
        hubItemId: found?.hubItemId ?? null,
        linkId: found?.linkId ?? null,
        entries: page.entries.map(historyEntry),
        nextBefore: page.nextBefore,
      }
    },
  )

  app.post(
    '/webflow-items/:webflowItemId/restore',
    {
      schema: {
        params: ItemHistoryParams,
        body: RestoreVersionRequest,
        response: { 200: RestoreVersionResult },
      },
    },
    async (req) => restoreVersion(ctx, req.params.siteId, req.params.webflowItemId, req.body, actorOf(req)),
  )

  app.post(
    '/links/:linkId/restore',
    {
      schema: {
        params: LinkParams,
        body: RestoreCollectionRequest,
        response: { 200: RestoreCollectionResult },
      },
    },
    async (req) => {
      const link = await linkOf(req.params.siteId, req.params.linkId)
      return restoreCollection(ctx, link, new Date(req.body.at), actorOf(req))
    },
  )
}
