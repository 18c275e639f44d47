import {
  CollectionLocaleParams,
  CollectionLocales,
  CollectionLocalesRequest,
  CollectionParams,
} from '@bindery/shared/api/content'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  addCollectionLocales,
  listCollectionLocales,
  removeCollectionLocale,
} from '../db/hub-collection-locales'
import { getSiteCollection } from '../db/hub-collections'
import { type Db, inTransaction, type Queryable } from '../db/pool'
import { listSiteLocales } from '../db/site-locales'
import { notFound } from '../vocabulary/app-error'
import { siteOf } from './api-key-auth'
import { SECURITY, TAG } from './openapi-meta'

/**
 * The locales a collection carries beside its primary content. Each maps by tag to the site's
 * Webflow locale; only mapped locales are synced (see docs/webflow.md "Localization").
 */
export const localesRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const doc = { tags: [TAG.locales], security: SECURITY }

  async function view(q: Queryable, siteId: string, collectionId: string): Promise<CollectionLocales> {
    const site = await listSiteLocales(q, siteId)
    const byTag = new Map(site.map((l) => [l.tag, l]))
    return {
      primary: site.find((l) => l.isPrimary)?.tag ?? null,
      locales: (await listCollectionLocales(q, collectionId)).map((tag) => {
        const w = byTag.get(tag)
        return { tag, webflow: w ? { cmsLocaleId: w.cmsLocaleId, displayName: w.displayName } : null }
      }),
    }
  }

  async function collectionId(q: Queryable, siteId: string, id: string) {
    const c = await getSiteCollection(q, siteId, id)
    if (!c) throw notFound('collection')
    return c.id
  }

  app.get(
    '/collections/:id/locales',
    { schema: { ...doc, params: CollectionParams, response: { 200: CollectionLocales } } },
    async (req) => view(db, siteOf(req), await collectionId(db, siteOf(req), req.params.id)),
  )

  app.post(
    '/collections/:id/locales',
    {
      schema: {
        ...doc,
        params: CollectionParams,
        body: CollectionLocalesRequest,
        response: { 200: CollectionLocales },
      },
    },
    async (req) =>
      inTransaction(db, async (tx) => {
        const id = await collectionId(tx, siteOf(req), req.params.id)
        await addCollectionLocales(tx, id, req.body.locales)
        return view(tx, siteOf(req), id)
      }),
  )

  app.delete(
    '/collections/:id/locales/:tag',
    { schema: { ...doc, params: CollectionLocaleParams } },
    async (req, reply) => {
      await inTransaction(db, async (tx) => {
        const id = await collectionId(tx, siteOf(req), req.params.id)
        await removeCollectionLocale(tx, id, req.params.tag)
      })
      return reply.code(204).send()
    },
  )
}
