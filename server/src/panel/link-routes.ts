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
import { skippedAssets } from '../db/item-assets'
import { listFailedItems } from '../db/item-links'
import { getLink, type Link } from '../db/links'
import { actorOf } from '../http/actor'
import { notFound } from '../http/app-error'
import { webflowForSite } from '../install/site-client'
import type { JobContext } from '../jobs/job-context'
import { connect } from '../sync/connect'
import { retryItems } from '../sync/retry-items'
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
export const linkRoutes: FastifyPluginAsyncZod<{ jobs: JobContext }> = async (app, { jobs }) => {
  const wfFor = (siteId: string) => webflowForSite(jobs.db, jobs.config, siteId, jobs)
  const linkOf = async (siteId: string, linkId: string): Promise<Link> => {
    const link = await getLink(jobs.db, linkId)
    if (!link || link.siteId !== siteId || link.disconnectedAt) throw notFound('link')
    return link
  }

  // Drift reports, "Sync now" and "Full resync": same mounts, same guards.
  await app.register(resyncRoutes, { jobs })
  // Schema drift: re-map a field, recreate a deleted Webflow collection, dismiss.
  await app.register(schemaRoutes, { jobs })

  app.get(
    '/collections',
    { schema: { params: SiteParams, response: { 200: SiteCollections } } },
    async (req) => siteCollections(jobs.db, await wfFor(req.params.siteId), req.params.siteId),
  )

  app.post(
    '/links',
    { schema: { params: SiteParams, body: ConnectRequest, response: { 201: LinkSummary } } },
    async (req, reply) => {
      const link = await connect(jobs, req.params.siteId, req.body)
      return reply.code(201).send(await linkSummary(jobs.db, link))
    },
  )

  app.get('/links/:linkId', { schema: { params: LinkParams, response: { 200: LinkSummary } } }, async (req) =>
    linkSummary(jobs.db, await linkOf(req.params.siteId, req.params.linkId)),
  )

  app.patch(
    '/links/:linkId',
    { schema: { params: LinkParams, body: UpdateLinkRequest, response: { 200: LinkSummary } } },
    async (req) => {
      const link = await linkOf(req.params.siteId, req.params.linkId)
      return linkSummary(
        jobs.db,
        await changeLink(jobs, await wfFor(link.siteId), link, req.body, actorOf(req)),
      )
    },
  )

  app.delete('/links/:linkId', { schema: { params: LinkParams } }, async (req, reply) => {
    await disconnectLink(jobs.db, await linkOf(req.params.siteId, req.params.linkId), actorOf(req))
    return reply.code(204).send()
  })

  app.get(
    '/links/:linkId/errors',
    { schema: { params: LinkParams, response: { 200: LinkErrors } } },
    async (req) => {
      const link = await linkOf(req.params.siteId, req.params.linkId)
      const failed = (await listFailedItems(jobs.db, link.id, 20)).map((f) => ({ ...f, retryable: true }))
      // Files Webflow skipped: the item synced, but without them (docs/webflow.md "Images and files").
      const skipped = (await skippedAssets(jobs.db, link.id, 20)).map((s) => ({
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
      const out = await retryItems(jobs, link, [req.params.hubItemId], actorOf(req))
      if (!out.items) throw notFound('failed item')
      return reply.code(202).send(out)
    },
  )

  app.post(
    '/links/:linkId/retry',
    { schema: { params: LinkParams, response: { 202: RetryAccepted } } },
    async (req, reply) => {
      const link = await linkOf(req.params.siteId, req.params.linkId)
      return reply.code(202).send(await retryItems(jobs, link, undefined, actorOf(req)))
    },
  )

  await app.register(linkEventsRoutes, { jobs, linkOf })
  await app.register(historyRoutes, { jobs, linkOf })
  await app.register(planRoutes, { jobs, linkOf })

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
        jobs.db,
        await wfFor(req.params.siteId),
        req.params.siteId,
        req.params.webflowItemId,
        req.query.locale,
      ),
  )
}
