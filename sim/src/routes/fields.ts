import type { FastifyInstance } from 'fastify'
import { collectionFor, requireScope } from '../access.ts'
import { addField, buildField, removeField } from '../collection-ops.ts'
import type { SimContext } from '../context.ts'
import { notFound, validationError } from '../errors.ts'
import { toField } from '../serialize.ts'

type FieldParams = { Params: { collectionId: string; fieldId: string } }

export function fieldRoutes(app: FastifyInstance, ctx: SimContext): void {
  // 200 with the field, not 201: docs/webflow.md, Collections and fields.
  app.post<{ Params: { collectionId: string } }>('/v2/collections/:collectionId/fields', async (req) => {
    const token = requireScope(req, 'cms:write')
    const c = collectionFor(ctx, token, req.params.collectionId)
    const site = ctx.store.sites.get(c.siteId)!
    const field = buildField(ctx, site, c, (req.body ?? {}) as Record<string, unknown>)
    if (Array.isArray(field)) throw validationError(field)
    addField(c, field, ctx.now())
    return toField(field)
  })

  app.patch<FieldParams>('/v2/collections/:collectionId/fields/:fieldId', async (req) => {
    const token = requireScope(req, 'cms:write')
    const c = collectionFor(ctx, token, req.params.collectionId)
    const field = c.fields.find((f) => f.id === req.params.fieldId)
    if (!field) throw notFound('field')
    const body = (req.body ?? {}) as Record<string, unknown>
    if (body.displayName !== undefined) {
      if (typeof body.displayName !== 'string' || body.displayName.trim() === '') {
        throw validationError([{ param: 'displayName', description: 'Expected a non-empty string' }])
      }
      field.displayName = body.displayName
    }
    if (body.isRequired !== undefined) {
      if (typeof body.isRequired !== 'boolean')
        throw validationError([{ param: 'isRequired', description: 'Expected a boolean' }])
      if (field.slug !== 'name' && field.slug !== 'slug') field.isRequired = body.isRequired
    }
    if (body.helpText !== undefined) field.helpText = body.helpText === null ? null : String(body.helpText)
    c.lastUpdated = ctx.now()
    return toField(field)
  })

  app.delete<FieldParams>('/v2/collections/:collectionId/fields/:fieldId', async (req, reply) => {
    const token = requireScope(req, 'cms:write')
    const c = collectionFor(ctx, token, req.params.collectionId)
    if (!removeField(c, req.params.fieldId, ctx.now())) throw notFound('field')
    reply.code(204).send()
  })
}
