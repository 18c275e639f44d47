import type { FastifyInstance } from 'fastify'
import { requireScope, siteFor } from '../access.ts'
import type { SimContext } from '../context.ts'
import { tooManyRequests, validationError } from '../errors.ts'
import { publishSite } from '../item-publish.ts'
import { isoOrNull, toSite } from '../serialize.ts'

type SiteParams = { Params: { siteId: string } }

export function siteRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.get('/v2/sites', async (req) => {
    const token = requireScope(req, 'sites:read')
    return { sites: ctx.store.sitesOf(token).map(toSite) }
  })

  app.get<SiteParams>('/v2/sites/:siteId', async (req) => {
    const token = requireScope(req, 'sites:read')
    return toSite(siteFor(ctx, token, req.params.siteId))
  })

  app.get<SiteParams>('/v2/sites/:siteId/custom_domains', async (req) => {
    const token = requireScope(req, 'sites:read')
    const site = siteFor(ctx, token, req.params.siteId)
    return {
      customDomains: site.customDomains.map((d) => ({
        id: d.id,
        url: d.url,
        lastPublished: isoOrNull(d.lastPublished),
      })),
    }
  })

  app.post<SiteParams>('/v2/sites/:siteId/publish', async (req, reply) => {
    const token = requireScope(req, 'sites:write')
    const site = siteFor(ctx, token, req.params.siteId)
    const body = (req.body ?? {}) as { customDomains?: unknown; publishToWebflowSubdomain?: unknown }
    if (body.customDomains === undefined && body.publishToWebflowSubdomain === undefined) {
      throw validationError([
        { param: 'body', description: 'Provide customDomains or publishToWebflowSubdomain' },
      ])
    }
    const ids = body.customDomains ?? []
    if (!Array.isArray(ids))
      throw validationError([{ param: 'customDomains', description: 'Expected an array' }])
    const domains = ids.map((id, i) => {
      const domain = site.customDomains.find((d) => d.id === id)
      if (!domain)
        throw validationError([{ param: `customDomains[${i}]`, description: `Unknown domain id '${id}'` }])
      return domain
    })
    // One successful publish per minute; the status for the second is presumably 429. [unconfirmed]
    const now = ctx.now()
    if (site.lastPublished !== null && now - site.lastPublished < ctx.config.sitePublishIntervalMs) {
      const wait = Math.ceil((site.lastPublished + ctx.config.sitePublishIntervalMs - now) / 1000)
      throw tooManyRequests(Math.max(1, wait))
    }
    const by = token.kind === 'oauth' ? ctx.app.displayName : 'API'
    publishSite(ctx, site, 'api', by, {
      subdomain: body.publishToWebflowSubdomain === true,
      domainIds: domains.map((d) => d.id),
    })
    reply.code(202)
    return {
      customDomains: domains.map((d) => ({
        id: d.id,
        url: d.url,
        lastPublished: isoOrNull(d.lastPublished),
      })),
      publishToWebflowSubdomain: body.publishToWebflowSubdomain === true,
    }
  })
}
