import {
  BulkUpsertRequest,
  BulkUpsertResult,
  CollectionParams,
  IfMatchHeaders,
  Item,
  ItemCreateRequest,
  ItemList,
  ItemListQuery,
  ItemParams,
  ItemStatusRequest,
  ItemUpdateRequest,
  LocaleQuery,
} from '@bindery/shared/api/content'
import type { ItemStatus } from '@bindery/shared/hub'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Boss } from '../context/boss'
import { getSiteCollection } from '../db/hub-collections'
import { getHubItem, listHubItemsPage } from '../db/hub-items'
import { type Db, inTransaction, type Queryable } from '../db/pool'
import { actorOf } from '../plugins/actor'
import { badRequest, notFound } from '../vocabulary/app-error'
import { siteOf } from './api-key-auth'
import { bulkUpsert } from './bulk-upsert'
import { itemJson } from './content-json'
import { etagOf, expectedVersion } from './if-match'
import { decodeItemCursor, encodeItemCursor } from './item-cursor'
import { checkLocales, localizedJson, requireLocale, updateLocale, writeVersions } from './item-locales'
import {
  createItem,
  deleteItem,
  type ItemWriteContext,
  restoreDeletedItem,
  setItemStatus,
  updateItem,
} from './item-write'
import { SECURITY, TAG } from './openapi-meta'

const BULK_BODY_LIMIT = 32 * 1024 * 1024

/** Items of one collection of the key's site: list, get, create, update, status changes, delete. */
export const itemsRoutes: FastifyPluginAsyncZod<{ db: Db; boss: Boss }> = async (app, { db, boss }) => {
  const doc = { tags: [TAG.items], security: SECURITY }

  async function collectionOf(req: FastifyRequest, q: Queryable, id: string, lock?: 'share') {
    const collection = await getSiteCollection(q, siteOf(req), id, lock ? { lock } : {})
    if (!collection) throw notFound('collection')
    return collection
  }

  /** Runs an item write in one transaction, the collection's schema held still until it commits. */
  function inWrite<T>(req: FastifyRequest, id: string, fn: (ctx: ItemWriteContext) => Promise<T>) {
    return inTransaction(db, async (tx) => {
      const collection = await collectionOf(req, tx, id, 'share')
      return fn({ tx, boss, collection, correlationId: req.id, actor: actorOf(req) })
    })
  }

  const sendItem = (reply: FastifyReply, item: Parameters<typeof itemJson>[0], code = 200) =>
    reply.code(code).header('etag', etagOf(item.version)).send(itemJson(item))

  app.get(
    '/collections/:id/items',
    { schema: { ...doc, params: CollectionParams, querystring: ItemListQuery, response: { 200: ItemList } } },
    async (req) => {
      const collection = await collectionOf(req, db, req.params.id)
      const q = req.query
      if (q.locale) await requireLocale(db, collection, q.locale)
      const rows = await listHubItemsPage(db, collection.id, {
        status: q.status,
        updatedSince: q.updatedSince,
        includeDeleted: q.includeDeleted,
        after: q.cursor ? decodeItemCursor(q.cursor) : undefined,
        // One more than asked tells whether there is a next page without a count.
        limit: q.limit + 1,
      })
      const page = rows.slice(0, q.limit)
      const last = page.at(-1)
      const items = page.map((r) => r.item)
      return {
        items: q.locale ? await localizedJson(db, collection, items, q.locale) : items.map(itemJson),
        nextCursor:
          rows.length > q.limit && last
            ? encodeItemCursor({ updatedAt: last.updatedAtText, id: last.item.id })
            : null,
      }
    },
  )

  app.get(
    '/collections/:id/items/:itemId',
    { schema: { ...doc, params: ItemParams, querystring: LocaleQuery, response: { 200: Item } } },
    async (req, reply) => {
      const collection = await collectionOf(req, db, req.params.id)
      const item = await getHubItem(db, req.params.itemId)
      if (!item || item.collectionId !== collection.id || item.deletedAt) throw notFound('item')
      const locale = req.query.locale
      if (!locale) return sendItem(reply, item)
      await requireLocale(db, collection, locale)
      return sendLocalized(reply, (await localizedJson(db, collection, [item], locale))[0]!)
    },
  )

  const sendLocalized = (reply: FastifyReply, item: Item) =>
    reply.header('etag', etagOf(item.locale?.version ?? 0)).send(item)

  app.post(
    '/collections/:id/items',
    { schema: { ...doc, params: CollectionParams, body: ItemCreateRequest, response: { 201: Item } } },
    async (req, reply) => {
      const { locales, ...input } = req.body
      const item = await inWrite(req, req.params.id, async (ctx) => {
        const issues = await checkLocales(ctx, locales, (tag) => `locales.${tag}`)
        if (issues.length) throw badRequest('some locale versions are invalid', issues)
        const created = await createItem(ctx, input)
        const ws = Object.entries(locales ?? {}).map(([tag, content]) => ({
          itemId: created.id,
          tag,
          content,
        }))
        await writeVersions(ctx, ws)
        return created
      })
      return sendItem(reply, item, 201)
    },
  )

  app.patch(
    '/collections/:id/items/:itemId',
    {
      schema: {
        ...doc,
        params: ItemParams,
        querystring: LocaleQuery,
        headers: IfMatchHeaders,
        body: ItemUpdateRequest,
        response: { 200: Item },
      },
    },
    async (req, reply) => {
      const { version, ...patch } = req.body
      const expected = expectedVersion(version, req.headers['if-match'])
      const locale = req.query.locale
      if (locale) {
        return sendLocalized(
          reply,
          await inWrite(req, req.params.id, (ctx) =>
            updateLocale(ctx, req.params.itemId, locale, patch, expected),
          ),
        )
      }
      return sendItem(
        reply,
        await inWrite(req, req.params.id, (ctx) => updateItem(ctx, req.params.itemId, patch, expected)),
      )
    },
  )

  const transitions: [string, ItemStatus][] = [
    ['publish', 'published'],
    ['unpublish', 'draft'],
    ['archive', 'archived'],
  ]
  for (const [verb, status] of transitions) {
    app.post(
      `/collections/:id/items/:itemId/${verb}`,
      {
        schema: {
          ...doc,
          params: ItemParams,
          headers: IfMatchHeaders,
          body: ItemStatusRequest,
          response: { 200: Item },
        },
      },
      async (req, reply) => {
        const expected = expectedVersion(req.body?.version, req.headers['if-match'])
        return sendItem(
          reply,
          await inWrite(req, req.params.id, (ctx) => setItemStatus(ctx, req.params.itemId, status, expected)),
        )
      },
    )
  }

  app.post(
    '/collections/:id/items/:itemId/restore',
    {
      schema: {
        ...doc,
        summary: 'Restore a deleted item',
        description:
          'Brings a tombstone back (a new version) and pushes it to Webflow again: a new Webflow item when ' +
          'the old one is gone, the old one reused when it is still there. 409 when a live item has its slug.',
        params: ItemParams,
        response: { 200: Item },
      },
    },
    async (req, reply) =>
      sendItem(reply, await inWrite(req, req.params.id, (ctx) => restoreDeletedItem(ctx, req.params.itemId))),
  )

  app.post(
    '/collections/:id/items/bulk',
    {
      // 1,000 items with rich text outgrow the app's default 1 MiB body limit.
      bodyLimit: BULK_BODY_LIMIT,
      schema: {
        ...doc,
        params: CollectionParams,
        body: BulkUpsertRequest,
        response: { 200: BulkUpsertResult },
      },
    },
    async (req) =>
      inWrite(req, req.params.id, async (ctx) => {
        const items = req.body.items
        const issues: { path: string; message: string }[] = []
        for (const [i, it] of items.entries()) {
          issues.push(...(await checkLocales(ctx, it.locales, (tag) => `items[${i}].locales.${tag}`)))
        }
        if (issues.length) throw badRequest('some items are invalid; nothing was written', issues)
        const result = await bulkUpsert(
          ctx,
          items.map(({ locales: _, ...it }) => it),
        )
        const ws = items.flatMap((it, i) =>
          Object.entries(it.locales ?? {}).map(([tag, content]) => ({
            itemId: result.items[i]!.id,
            tag,
            content,
          })),
        )
        await writeVersions(ctx, ws)
        return result
      }),
  )

  app.delete(
    '/collections/:id/items/:itemId',
    { schema: { ...doc, params: ItemParams, headers: IfMatchHeaders } },
    async (req, reply) => {
      const expected = expectedVersion(undefined, req.headers['if-match'])
      await inWrite(req, req.params.id, (ctx) => deleteItem(ctx, req.params.itemId, expected))
      return reply.code(204).send()
    },
  )
}
