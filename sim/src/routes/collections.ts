import type { FastifyInstance } from 'fastify'
import { collectionFor, requireScope, siteFor } from '../access.ts'
import { createCollection, deleteCollection } from '../collection-ops.ts'
import type { SimContext } from '../context.ts'
import { toCollection, toCollectionSummary } from '../serialize.ts'
import type { CollectionRec } from '../store.ts'

export function collectionRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.get<{ Params: { siteId: string } }>('/v2/sites/:siteId/collections', async (req) => {
    const token = requireScope(req, 'cms:read')
    const site = siteFor(ctx, token, req.params.siteId)
    const collections = [...site.collectionIds]
      .map((id) => ctx.store.collections.get(id))
      .filter((c): c is CollectionRec => c !== undefined)
    return { collections: collections.map(toCollectionSummary) }
  })

  // 200, not 201: docs/webflow.md, Collections and fields.
  app.post<{ Params: { siteId: string } }>('/v2/sites/:siteId/collections', async (req) => {
    const token = requireScope(req, 'cms:write')
    const site = siteFor(ctx, token, req.params.siteId)
    return toCollection(createCollection(ctx, site, (req.body ?? {}) as Record<string, unknown>))
  })

  app.get<{ Params: { collectionId: string } }>('/v2/collections/:collectionId', async (req) => {
    const token = requireScope(req, 'cms:read')
    return toCollection(collectionFor(ctx, token, req.params.collectionId))
  })

  app.delete<{ Params: { collectionId: string } }>('/v2/collections/:collectionId', async (req, reply) => {
    const token = requireScope(req, 'cms:write')
    deleteCollection(ctx, collectionFor(ctx, token, req.params.collectionId))
    reply.code(204).send()
  })
}
