import {
  ConnectRequest,
  ItemStateQuery,
  ItemSyncState,
  LinkErrors,
  LinkItemParams,
  LinkParams,
  LinkSummary,
  RetryAccepted,
  SiteCollections,
  UpdateLinkRequest,
} from '@bindery/shared/api/links'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppContext } from '../context/app-context'
import { skippedAssets } from '../db/item-assets'
import { listFailed } from '../db/item-links'
import { getLink, type Link } from '../db/links'
import { actorOf } from '../plugins/actor'
import { connect } from '../sync/connect'
import { retryItems } from '../sync/retry-items'
import { notFound } from '../vocabulary/app-error'
import { historyRoutes } from './history-routes'
import { itemState } from './item-state'
import { linkEventsRoutes } from './link-events-routes'
import { linkSummary } from './link-summary'
import { planRoutes } from './plan-routes'
import { resyncRoutes } from './resync-routes'
import { schemaRoutes } from './schema-routes'
import { siteCollections } from './site-collections'
import { changeLink, disconnectLink } from './update-link'

const SiteParams = z.object({ siteId: z.string().min(1).max(64) })

/**
 * Collections and links of one site. Registered twice: under `/api/sites/:siteId` for the panel
 * (designer scope: a session of that site) and under `/admin/api/sites/:siteId` (admin scope).
 */
export const linkRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const wfFor = (siteId: string) => ctx.webflow.forSite(siteId)
  const linkOf = async (siteId: string, linkId: string): Promise<Link> => {
    const link = await getLink(ctx.db, linkId)
    if (!link || link.siteId !== siteId || link.disconnectedAt) throw notFound('link')
    return link
  }

  // Drift reports, "Sync now" and "Full resync": same mounts, same guards.
  await app.register(resyncRoutes, { ctx })
  // Schema drift: re-map a field, recreate a deleted Webflow collection, dismiss.
  await app.register(schemaRoutes, { ctx })

  app.get(
    '/collections',
    { schema: { params: SiteParams, response: { 200: SiteCollections } } },
    async (req) => siteCollections(ctx.db, await wfFor(req.params.siteId), req.params.siteId),
  )

  app.post(
    '/links',
    { schema: { params: SiteParams, body: ConnectRequest, response: { 201: LinkSummary } } },
    async (req, reply) => {
      const link = await connect(ctx, req.params.siteId, req.body)
      return reply.code(201).send(await linkSummary(ctx.db, link))
    },
  )

  app.get('/links/:linkId', { schema: { params: LinkParams, response: { 200: LinkSummary } } }, async (req) =>
    linkSummary(ctx.db, await linkOf(req.params.siteId, req.params.linkId)),
  )

  app.patch(
    '/links/:linkId',
    { schema: { params: LinkParams, body: UpdateLinkRequest, response: { 200: LinkSummary } } },
    async (req) => {
      const link = await linkOf(req.params.siteId, req.params.linkId)
      return linkSummary(
        ctx.db,
        await changeLink(ctx, await wfFor(link.siteId), link, req.body, actorOf(req)),
      )
    },
  )

  app.delete('/links/:linkId', { schema: { params: LinkParams } }, async (req, reply) => {
    await disconnectLink(ctx.db, await linkOf(req.params.siteId, req.params.linkId), actorOf(req))
    return reply.code(204).send()
  })

  app.get(
    '/links/:linkId/errors',
    { schema: { params: LinkParams, response: { 200: LinkErrors } } },
    async (req) => {
      const link = await linkOf(req.params.siteId, req.params.linkId)
      const failed = (await listFailed(ctx.db, link.id, 20)).map((f) => ({
        ...f,
        at: f.at?.toISOString() ?? null,
        retryable: true,
      }))
      // Files Webflow skipped: the item synced, but without them (docs/webflow.md "Images and files").
      const skipped = (await skippedAssets(ctx.db, link.id, 20)).map((s) => ({
        ...s,
        at: s.at.toISOString(),
        retryable: false,
      }))
      const items = [...failed, ...skipped].sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''))
      return { items: items.slice(0, 20) }
    },
  )

  app.post(
    '/links/:linkId/items/:hubItemId/retry',
    { schema: { params: LinkItemParams, response: { 202: RetryAccepted } } },
    async (req, reply) => {
      const link = await linkOf(req.params.siteId, req.params.linkId)
      const out = await retryItems(ctx, link, [req.params.hubItemId], actorOf(req))
      if (!out.items) throw notFound('failed item')
      return reply.code(202).send(out)
    },
  )

  app.post(
    '/links/:linkId/retry',
    { schema: { params: LinkParams, response: { 202: RetryAccepted } } },
    async (req, reply) => {
      const link = await linkOf(req.params.siteId, req.params.linkId)
      return reply.code(202).send(await retryItems(ctx, link, undefined, actorOf(req)))
    },
  )

  await app.register(linkEventsRoutes, { ctx, linkOf })
  await app.register(historyRoutes, { ctx, linkOf })
  await app.register(planRoutes, { ctx, linkOf })

  app.get(
    '/webflow-items/:webflowItemId',
    {
      schema: {
        params: SiteParams.extend({ webflowItemId: z.string().min(1).max(64) }),
        querystring: ItemStateQuery,
        response: { 200: ItemSyncState },
      },
    },
    async (req) =>
      itemState(
        ctx.db,
        await wfFor(req.params.siteId),
        req.params.siteId,
        req.params.webflowItemId,
        req.query.locale,
      ),
  )
}
