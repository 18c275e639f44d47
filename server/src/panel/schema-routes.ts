import { LinkParams, LinkSummary } from '@bindery/shared/api/links'
import { RemapFieldRequest } from '@bindery/shared/api/schema-drift'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppContext } from '../context/app-context'
import { getLink } from '../db/links'
import { notFound } from '../vocabulary/app-error'
import { linkSummary } from './link-summary'
import { dismissSchemaDrift, recreateCollection, remapField } from './schema-actions'

/**
 * The answers to schema drift (the link summary's `schemaDrift` lists it). Registered inside
 * `linkRoutes`: the panel (designer session) and the admin API (admin token) alike.
 */
export const schemaRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const linkOf = async (siteId: string, linkId: string) => {
    const link = await getLink(ctx.db, linkId)
    if (!link || link.siteId !== siteId || link.disconnectedAt) throw notFound('link')
    return link
  }
  const wfFor = (siteId: string) => ctx.webflow.forSite(siteId)
  const answer = { params: LinkParams, response: { 200: LinkSummary } }

  app.post('/links/:linkId/schema/remap', { schema: { ...answer, body: RemapFieldRequest } }, async (req) => {
    const link = await linkOf(req.params.siteId, req.params.linkId)
    return linkSummary(ctx.db, await remapField(ctx, await wfFor(link.siteId), link, req.body))
  })

  app.post('/links/:linkId/schema/recreate', { schema: answer }, async (req) => {
    const link = await linkOf(req.params.siteId, req.params.linkId)
    return linkSummary(ctx.db, await recreateCollection(ctx, await wfFor(link.siteId), link))
  })

  app.post('/links/:linkId/schema/dismiss', { schema: answer }, async (req) => {
    const link = await linkOf(req.params.siteId, req.params.linkId)
    await dismissSchemaDrift(ctx.db, link)
    return linkSummary(ctx.db, link)
  })
}
