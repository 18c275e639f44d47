import { LinkParams, LinkSummary } from '@bindery/shared/api/links'
import { RemapFieldRequest } from '@bindery/shared/api/schema-drift'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { getLink } from '../db/links'
import { notFound } from '../http/app-error'
import { webflowForSite } from '../install/site-client'
import type { JobContext } from '../jobs/job-context'
import { linkSummary } from './link-summary'
import { dismissSchemaDrift, recreateCollection, remapField } from './schema-actions'

/**
 * The answers to schema drift (the link summary's `schemaDrift` lists it). Registered inside
 * `linkRoutes`: the panel (designer session) and the admin API (admin token) alike.
 */
export const schemaRoutes: FastifyPluginAsyncZod<{ jobs: JobContext }> = async (app, { jobs }) => {
  const linkOf = async (siteId: string, linkId: string) => {
    const link = await getLink(jobs.db, linkId)
    if (!link || link.siteId !== siteId || link.disconnectedAt) throw notFound('link')
    return link
  }
  const wfFor = (siteId: string) => webflowForSite(jobs.db, jobs.config, siteId, jobs)
  const answer = { params: LinkParams, response: { 200: LinkSummary } }

  app.post('/links/:linkId/schema/remap', { schema: { ...answer, body: RemapFieldRequest } }, async (req) => {
    const link = await linkOf(req.params.siteId, req.params.linkId)
    return linkSummary(jobs.db, await remapField(jobs, await wfFor(link.siteId), link, req.body))
  })

  app.post('/links/:linkId/schema/recreate', { schema: answer }, async (req) => {
    const link = await linkOf(req.params.siteId, req.params.linkId)
    return linkSummary(jobs.db, await recreateCollection(jobs, await wfFor(link.siteId), link))
  })

  app.post('/links/:linkId/schema/dismiss', { schema: answer }, async (req) => {
    const link = await linkOf(req.params.siteId, req.params.linkId)
    await dismissSchemaDrift(jobs.db, link)
    return linkSummary(jobs.db, link)
  })
}
