import { LinkParams } from '@bindery/shared/api/links'
import {
  LinkDrift,
  ResyncAccepted,
  ResyncRequest,
  SiteDrift,
  SiteResyncAccepted,
} from '@bindery/shared/api/reconcile'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppContext } from '../context/app-context'
import { latestReport, latestReportsOfSite } from '../db/drift-reports'
import { getLink, listLinks } from '../db/links'
import { requestResync } from '../reconcile/request-resync'
import { notFound } from '../vocabulary/app-error'

const SiteParams = z.object({ siteId: z.string().min(1).max(64) })

/**
 * Drift reports and resync of a site's links. Registered inside `linkRoutes`, so it is mounted for
 * the panel (designer session) and the admin API (admin token) alike; the CLI uses the admin mount.
 */
export const resyncRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const linkOf = async (siteId: string, linkId: string) => {
    const link = await getLink(ctx.db, linkId)
    if (!link || link.siteId !== siteId || link.disconnectedAt) throw notFound('link')
    return link
  }
  const requester = (req: { session: { email: string } | null }) => req.session?.email ?? 'admin'

  app.get(
    '/links/:linkId/drift',
    { schema: { params: LinkParams, response: { 200: LinkDrift } } },
    async (req) => {
      const link = await linkOf(req.params.siteId, req.params.linkId)
      return { report: await latestReport(ctx.db, link.id) }
    },
  )

  app.get('/drift', { schema: { params: SiteParams, response: { 200: SiteDrift } } }, async (req) => ({
    links: await latestReportsOfSite(ctx.db, req.params.siteId),
  }))

  app.post(
    '/links/:linkId/resync',
    { schema: { params: LinkParams, body: ResyncRequest.default({}), response: { 202: ResyncAccepted } } },
    async (req, reply) => {
      const link = await linkOf(req.params.siteId, req.params.linkId)
      return reply.code(202).send(await requestResync(ctx, link, !!req.body.full, requester(req)))
    },
  )

  app.post(
    '/resync',
    {
      schema: { params: SiteParams, body: ResyncRequest.default({}), response: { 202: SiteResyncAccepted } },
    },
    async (req, reply) => {
      const links = (await listLinks(ctx.db, req.params.siteId)).filter(
        (l) => l.state !== 'paused' && l.state !== 'connecting',
      )
      const accepted = []
      for (const link of links) accepted.push(await requestResync(ctx, link, !!req.body.full, requester(req)))
      return reply.code(202).send({ links: accepted })
    },
  )
}
