import type { FastifyInstance } from 'fastify'
import { collectionFor, requireScope } from '../access.ts'
import type { SimContext } from '../context.ts'
import { validationError } from '../errors.ts'
import { getItem, getVariant, resolveLocale, resolveLocales, siteOf } from '../item-common.ts'
import { createItems } from '../item-create.ts'
import { publishItems } from '../item-publish.ts'
import { deleteItems } from '../item-remove.ts'
import { updateItems } from '../item-update.ts'
import { listItems } from '../list-items.ts'
import { multiCreateAnswer, withBulkErrors } from '../multi-answer.ts'
import { toItem } from '../serialize.ts'
import {
  bodyObject,
  type CollectionParams,
  type ItemParams,
  itemsArray,
  maxBatch,
  refsOf,
  skipInvalidFiles,
} from './item-bodies.ts'

/** Staged (CMS) item endpoints, docs/webflow.md, Item states. */
export function itemRoutes(app: FastifyInstance, ctx: SimContext): void {
  const base = '/v2/collections/:collectionId/items'

  app.get<CollectionParams>(base, async (req) => {
    const c = collectionFor(ctx, requireScope(req, 'cms:read'), req.params.collectionId)
    return listItems(siteOf(ctx, c), c, req.query as Record<string, string>, false)
  })

  // One item, or `{items:[…]}`; 202 either way (docs/webflow.md, Multi-item writes).
  app.post<CollectionParams>(base, async (req, reply) => {
    const c = collectionFor(ctx, requireScope(req, 'cms:write'), req.params.collectionId)
    const body = bodyObject(req.body)
    reply.code(202)
    if (body.items !== undefined) {
      const items = withBulkErrors(ctx, () =>
        createItems(ctx, c, itemsArray(body), {
          live: false,
          source: 'api',
          multi: true,
          skipInvalidFiles: skipInvalidFiles(req.query),
        }),
      )
      return multiCreateAnswer(ctx, items)
    }
    return createItems(ctx, c, [body], {
      live: false,
      source: 'api',
      multi: false,
      skipInvalidFiles: skipInvalidFiles(req.query),
    })[0]
  })

  app.post<CollectionParams>(`${base}/bulk`, async (req, reply) => {
    const c = collectionFor(ctx, requireScope(req, 'cms:write'), req.params.collectionId)
    const body = bodyObject(req.body)
    const site = siteOf(ctx, c)
    const locales = resolveLocales(site, body.cmsLocaleIds)
    const list = Array.isArray(body.fieldData) ? body.fieldData : [body.fieldData]
    // docs/webflow.md "Localization": whether locales count toward the 100 is unconfirmed (a switch).
    const weight = ctx.config.bulkLimitCountsLocales ? (locales?.length ?? 1) : 1
    if (list.length * weight > maxBatch) {
      const what = ctx.config.bulkLimitCountsLocales ? ' counting every locale' : ''
      throw validationError([{ param: 'fieldData', description: `At most ${maxBatch} items${what}` }])
    }
    const inputs = list.map((fieldData) => ({
      fieldData,
      isDraft: body.isDraft,
      isArchived: body.isArchived,
    }))
    const items = createItems(ctx, c, inputs, {
      live: false,
      source: 'api',
      multi: Array.isArray(body.fieldData),
      skipInvalidFiles: skipInvalidFiles(req.query),
      bulkLocales: locales,
    })
    reply.code(202)
    return { items }
  })

  app.patch<CollectionParams>(base, async (req) => {
    const c = collectionFor(ctx, requireScope(req, 'cms:write'), req.params.collectionId)
    const items = itemsArray(bodyObject(req.body))
    return {
      items: withBulkErrors(ctx, () =>
        updateItems(ctx, c, items, {
          live: false,
          source: 'api',
          multi: true,
          skipInvalidFiles: skipInvalidFiles(req.query),
        }),
      ),
    }
  })

  app.delete<CollectionParams>(base, async (req, reply) => {
    const c = collectionFor(ctx, requireScope(req, 'cms:write'), req.params.collectionId)
    deleteItems(ctx, c, refsOf(itemsArray(bodyObject(req.body))), 'api', true)
    reply.code(204).send()
  })

  app.post<CollectionParams>(`${base}/publish`, async (req, reply) => {
    const c = collectionFor(ctx, requireScope(req, 'cms:write'), req.params.collectionId)
    const result = publishItems(ctx, c, bodyObject(req.body), 'api')
    reply.code(202)
    return result
  })

  app.get<ItemParams>(`${base}/:itemId`, async (req) => {
    const c = collectionFor(ctx, requireScope(req, 'cms:read'), req.params.collectionId)
    const locale = resolveLocale(siteOf(ctx, c), req.query.cmsLocaleId)
    const item = getItem(c, req.params.itemId)
    return toItem(item.id, locale, getVariant(item, locale).staged)
  })

  app.patch<ItemParams>(`${base}/:itemId`, async (req) => {
    const c = collectionFor(ctx, requireScope(req, 'cms:write'), req.params.collectionId)
    const body = { ...bodyObject(req.body), id: req.params.itemId }
    return updateItems(ctx, c, [body], {
      live: false,
      source: 'api',
      multi: false,
      skipInvalidFiles: skipInvalidFiles(req.query),
    })[0]
  })

  app.delete<ItemParams>(`${base}/:itemId`, async (req, reply) => {
    const c = collectionFor(ctx, requireScope(req, 'cms:write'), req.params.collectionId)
    const locales = req.query.cmsLocaleId ? [req.query.cmsLocaleId] : undefined
    deleteItems(ctx, c, [{ id: req.params.itemId, cmsLocaleIds: locales }], 'api')
    reply.code(204).send()
  })
}
