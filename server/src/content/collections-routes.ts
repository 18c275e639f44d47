import {
  Collection,
  CollectionCreateRequest,
  CollectionList,
  CollectionParams,
  CollectionUpdateRequest,
} from '@bindery/shared/api/content'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Boss } from '../context/boss'
import {
  activeLinkIds,
  collectionSlugTaken,
  deleteHubFields,
  getSiteCollection,
  type HubCollection,
  insertHubCollection,
  insertHubFields,
  listSiteCollections,
  referencingFields,
  softDeleteHubCollection,
  updateHubCollection,
  updateHubField,
} from '../db/hub-collections'
import { removeHubFieldValues } from '../db/hub-items'
import { type Db, inTransaction, type Queryable } from '../db/pool'
import { markDirty } from '../sync/mark-dirty'
import { AppError, badRequest, notFound } from '../vocabulary/app-error'
import { siteOf } from './api-key-auth'
import { checkFieldDefinitions } from './collection-schema'
import { writeContentAudit } from './content-audit'
import { collectionJson } from './content-json'
import { unmapRemovedFields } from './linked-field-removal'
import { SECURITY, TAG } from './openapi-meta'
import { planFieldUpdates } from './plan-field-updates'

/** Collections of the key's site: create with a schema, list, get, change the schema, delete. */
export const collectionsRoutes: FastifyPluginAsyncZod<{ db: Db; boss: Boss }> = async (app, { db, boss }) => {
  const doc = { tags: [TAG.collections], security: SECURITY }

  app.post(
    '/collections',
    { schema: { ...doc, body: CollectionCreateRequest, response: { 201: Collection } } },
    async (req, reply) => {
      const siteId = siteOf(req)
      const body = req.body
      const created = await inTransaction(db, async (tx) => {
        const issues = await checkFieldDefinitions(tx, siteId, body.fields, [], 'fields')
        if (issues.length) throw badRequest('the collection schema is invalid', issues)
        if (await collectionSlugTaken(tx, siteId, body.slug)) throw slugTaken(body.slug)
        // A concurrent create of the same slug can win between the check and the insert: still a 409.
        const id = await insertHubCollection(tx, siteId, body).catch((err) => {
          if ((err as { constraint?: string }).constraint === 'hub_collections_site_slug_idx')
            throw slugTaken(body.slug)
          throw err
        })
        await insertHubFields(tx, id, body.fields)
        const collection = (await getSiteCollection(tx, siteId, id))!
        await auditCollection(tx, req.id, 'collection.create', collection, null, collectionJson(collection))
        return collection
      })
      return reply.code(201).send(collectionJson(created))
    },
  )

  app.get('/collections', { schema: { ...doc, response: { 200: CollectionList } } }, async (req) => ({
    collections: (await listSiteCollections(db, siteOf(req))).map(collectionJson),
  }))

  app.get(
    '/collections/:id',
    { schema: { ...doc, params: CollectionParams, response: { 200: Collection } } },
    async (req) => {
      const collection = await getSiteCollection(db, siteOf(req), req.params.id)
      if (!collection) throw notFound('collection')
      return collectionJson(collection)
    },
  )

  app.patch(
    '/collections/:id',
    {
      schema: {
        ...doc,
        params: CollectionParams,
        body: CollectionUpdateRequest,
        response: { 200: Collection },
      },
    },
    async (req) => {
      const siteId = siteOf(req)
      const body = req.body
      const updated = await inTransaction(db, async (tx) => {
        const before = await getSiteCollection(tx, siteId, req.params.id, { lock: 'update' })
        if (!before) throw notFound('collection')
        const plan = await planFieldUpdates(tx, before, body)
        const kept = before.fields.filter((f) => !plan.removed.includes(f.slug))
        const addIssues = await checkFieldDefinitions(tx, siteId, body.addFields ?? [], kept, 'addFields')
        if (addIssues.length) throw badRequest('the collection schema is invalid', addIssues)

        await updateHubCollection(tx, before.id, {
          name: body.name ?? before.name,
          singularName: body.singularName ?? before.singularName,
        })
        await unmapRemovedFields(tx, before, plan.removed, body.onWebflow, req.id)
        await deleteHubFields(tx, before.id, plan.removed)
        // Eager: values of a removed field leave the items now, so a field added later under the
        // same slug never resurfaces old data. Those items change, so they are pushed again.
        const touched = await removeHubFieldValues(tx, before.id, plan.removed)
        await markDirty(
          tx,
          boss,
          before.id,
          touched.filter((t) => !t.deleted).map((t) => t.id),
        )
        // What was removed stays readable in the audit log, item by item.
        await writeContentAudit(
          tx,
          req.id,
          touched.map((t) => ({
            action: 'item.fields_removed',
            siteId,
            subjectType: 'hub_item' as const,
            subjectId: t.id,
            before: { fields: t.removed },
            after: { fields: Object.fromEntries(Object.keys(t.removed).map((k) => [k, null])) },
          })),
        )
        for (const f of plan.updates) await updateHubField(tx, before.id, f)
        await insertHubFields(tx, before.id, body.addFields ?? [])
        const after = (await getSiteCollection(tx, siteId, before.id))!
        await auditCollection(tx, req.id, 'collection.update', after, collectionJson(before), {
          ...collectionJson(after),
          itemsWithRemovedValues: touched.length,
        })
        return after
      })
      return collectionJson(updated)
    },
  )

  app.delete('/collections/:id', { schema: { ...doc, params: CollectionParams } }, async (req, reply) => {
    const siteId = siteOf(req)
    await inTransaction(db, async (tx) => {
      const collection = await getSiteCollection(tx, siteId, req.params.id, { lock: 'update' })
      if (!collection) throw notFound('collection')
      const links = await activeLinkIds(tx, collection.id)
      if (links.length) {
        throw new AppError(409, 'conflict', 'the collection is linked to Webflow: disconnect it first', {
          links,
        })
      }
      const referencedBy = await referencingFields(tx, collection.id)
      if (referencedBy.length) {
        throw new AppError(
          409,
          'conflict',
          'reference fields of other collections point at it: remove them first',
          {
            referencedBy,
          },
        )
      }
      await softDeleteHubCollection(tx, collection.id)
      await auditCollection(tx, req.id, 'collection.delete', collection, collectionJson(collection), null)
    })
    return reply.code(204).send()
  })
}

function slugTaken(slug: string) {
  return new AppError(409, 'conflict', `a collection with slug "${slug}" already exists`, { slug })
}

function auditCollection(
  tx: Queryable,
  correlationId: string,
  action: string,
  c: HubCollection,
  before: unknown,
  after: unknown,
) {
  return writeContentAudit(tx, correlationId, [
    { action, siteId: c.siteId, subjectType: 'hub_collection', subjectId: c.id, before, after },
  ])
}
