import type { FastifyInstance } from 'fastify'
import { collectionFor, requireScope } from '../access.ts'
import type { SimContext } from '../context.ts'
import { notFound } from '../errors.ts'
import { getItem, getVariant, resolveLocale, siteOf } from '../item-common.ts'
import { createItems } from '../item-create.ts'
import { unpublishItems } from '../item-remove.ts'
import { updateItems } from '../item-update.ts'
import { listItems } from '../list-items.ts'
import { multiCreateAnswer, withBulkErrors } from '../multi-answer.ts'
import { toItem } from '../serialize.ts'
import {
  bodyObject,
  type CollectionParams,
  type ItemParams,
  itemsArray,
  refsOf,
  skipInvalidFiles,
} from './item-bodies.ts'

/** Live item endpoints, docs/webflow.md, Item states. DELETE here unpublishes. */
export function liveItemRoutes(app: FastifyInstance, ctx: SimContext): void {
  const base = '/v2/collections/:collectionId/items'

  app.get<CollectionParams>(`${base}/live`, async (req) => {
    const c = collectionFor(ctx, requireScope(req, 'cms:read'), req.params.collectionId)
    return listItems(siteOf(ctx, c), c, req.query as Record<string, string>, true)
  })

  app.post<CollectionParams>(`${base}/live`, async (req, reply) => {
    const c = collectionFor(ctx, requireScope(req, 'cms:write'), req.params.collectionId)
    const body = bodyObject(req.body)
    reply.code(202)
    if (body.items !== undefined) {
      const items = withBulkErrors(ctx, () =>
        createItems(ctx, c, itemsArray(body), {
          live: true,
          source: 'api',
          multi: true,
          skipInvalidFiles: skipInvalidFiles(req.query),
        }),
      )
      return multiCreateAnswer(ctx, items)
    }
    return createItems(ctx, c, [body], {
      live: true,
      source: 'api',
      multi: false,
      skipInvalidFiles: skipInvalidFiles(req.query),
    })[0]
  })

  app.patch<CollectionParams>(`${base}/live`, async (req) => {
    const c = collectionFor(ctx, requireScope(req, 'cms:write'), req.params.collectionId)
    const items = itemsArray(bodyObject(req.body))
    return {
      items: withBulkErrors(ctx, () =>
        updateItems(ctx, c, items, {
          live: true,
          source: 'api',
          multi: true,
          skipInvalidFiles: skipInvalidFiles(req.query),
        }),
      ),
    }
  })

  app.delete<CollectionParams>(`${base}/live`, async (req, reply) => {
    const c = collectionFor(ctx, requireScope(req, 'cms:write'), req.params.collectionId)
    unpublishItems(ctx, c, refsOf(itemsArray(bodyObject(req.body))), 'api', true)
    reply.code(204).send()
  })

  app.get<ItemParams>(`${base}/:itemId/live`, async (req) => {
    const c = collectionFor(ctx, requireScope(req, 'cms:read'), req.params.collectionId)
    const locale = resolveLocale(siteOf(ctx, c), req.query.cmsLocaleId)
    const live = getVariant(getItem(c, req.params.itemId), locale).live
    if (!live) throw notFound('live item')
    return toItem(req.params.itemId, locale, live)
  })

  app.patch<ItemParams>(`${base}/:itemId/live`, async (req) => {
    const c = collectionFor(ctx, requireScope(req, 'cms:write'), req.params.collectionId)
    const body = { ...bodyObject(req.body), id: req.params.itemId }
    return updateItems(ctx, c, [body], {
      live: true,
      source: 'api',
      multi: false,
      skipInvalidFiles: skipInvalidFiles(req.query),
    })[0]
  })

  app.delete<ItemParams>(`${base}/:itemId/live`, async (req, reply) => {
    const c = collectionFor(ctx, requireScope(req, 'cms:write'), req.params.collectionId)
    const locales = req.query.cmsLocaleId ? [req.query.cmsLocaleId] : undefined
    unpublishItems(ctx, c, [{ id: req.params.itemId, cmsLocaleIds: locales }], 'api')
    reply.code(204).send()
  })
}
