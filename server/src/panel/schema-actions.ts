import type { RemapFieldRequest, SchemaDrift } from '@bindery/shared/api/schema-drift'
import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import { appendAudit } from '../db/audit-log'
import { getSiteCollection } from '../db/hub-collections'
import { forgetBaseField, resetForNewCollection } from '../db/item-links'
import { getLink, getSchemaState, type Link, listLinks, saveSchemaState, updateLink } from '../db/links'
import { inTransaction, type Queryable } from '../db/pool'
import { knownFieldsOf } from '../sync/compare-schema'
import { buildFieldMap, webflowField, webflowFieldFor } from '../sync/field-plan'
import { AppError, badRequest, notFound } from '../vocabulary/app-error'
import { WebflowApiError } from '../webflow/webflow-api-error'
import type { WebflowApi } from '../webflow/webflow-client'

// The one-click answers to schema drift: re-map a field, recreate a deleted collection, dismiss.
// Nothing here runs without a person asking for it.

/**
 * Maps a hub field to a Webflow field (one recreated or added in the Designer). Hub values fill it:
 * items with a hub value are pushed; the others keep whatever Webflow holds.
 */
export async function remapField(ctx: AppContext, wf: WebflowApi, link: Link, req: RemapFieldRequest) {
  const hub = await getSiteCollection(ctx.db, link.siteId, link.hubCollectionId)
  const hubField = hub?.fields.find((f) => f.slug === req.hubSlug)
  if (!hubField) throw badRequest(`the hub collection has no field "${req.hubSlug}"`)
  const collection = await wf.getCollection(link.webflowCollectionId)
  const webflow = collection.fields.find((f) => f.id === req.webflowFieldId)
  if (!webflow) throw badRequest(`the Webflow collection has no field ${req.webflowFieldId}`)
  const [entry] = buildFieldMap([{ hub: hubField, webflow }])
  const fieldMap = [
    ...link.fieldMap.filter((e) => e.hubSlug !== req.hubSlug && e.webflowFieldId !== req.webflowFieldId),
    entry!,
  ]
  const state = await getSchemaState(ctx.db, link.id)
  const settled = (d: SchemaDrift) =>
    d.hubSlug === req.hubSlug || d.webflowFieldId === req.webflowFieldId || d.candidateFieldId === webflow.id
  await inTransaction(ctx.db, async (tx) => {
    await updateLink(tx, link.id, { fieldMap })
    await saveSchemaState(tx, link.id, {
      known: knownFieldsOf(collection),
      drift: state.drift.filter((d) => !settled(d)),
    })
    // The last synced snapshot knew the old field: without it, an empty new field reads as "cleared".
    await forgetBaseField(tx, link.id, req.hubSlug)
    await audit(tx, link, 'schema.remap', { ...req, webflowSlug: webflow.slug })
    await enqueue(ctx, 'link-push', { linkId: link.id }, { tx })
  })
  return (await getLink(ctx.db, link.id))!
}

/** Creates the deleted Webflow collection again from the hub and pushes every item into it. */
export async function recreateCollection(ctx: AppContext, wf: WebflowApi, link: Link) {
  const state = await getSchemaState(ctx.db, link.id)
  if (!state.drift.some((d) => d.kind === 'collectionDeleted')) {
    throw new AppError(409, 'invalid_state', 'the Webflow collection of this link still exists')
  }
  const hub = await getSiteCollection(ctx.db, link.siteId, link.hubCollectionId)
  if (!hub) throw notFound('hub collection')
  const fields = hub.fields.filter((f) => link.fieldMap.some((e) => e.hubSlug === f.slug))
  const links = await listLinks(ctx.db, link.siteId)
  const created = await wf
    .createCollection(link.siteId, {
      displayName: hub.name,
      singularName: hub.singularName,
      slug: hub.slug,
      fields: fields.map((f) =>
        webflowFieldFor(f, (id) => links.find((l) => l.hubCollectionId === id)?.webflowCollectionId),
      ),
    })
    .catch((err) => {
      if (err instanceof WebflowApiError && err.status < 500 && err.status !== 429) {
        throw new AppError(409, 'webflow_error', `Webflow: ${err.message}`, err.details)
      }
      throw err
    })
  const fieldMap = buildFieldMap(fields.map((f) => ({ hub: f, webflow: webflowField(created, f.slug) })))
  await inTransaction(ctx.db, async (tx) => {
    await updateLink(tx, link.id, {
      webflowCollectionId: created.id,
      fieldMap,
      state: 'syncing',
      lastError: null,
      progressDone: 0,
    })
    await saveSchemaState(tx, link.id, { known: knownFieldsOf(created), drift: [], checked: true })
    await updateLink(tx, link.id, { progressTotal: await resetForNewCollection(tx, link.id) })
    await audit(tx, link, 'schema.recreateCollection', {
      previous: link.webflowCollectionId,
      webflowCollectionId: created.id,
    })
    await enqueue(ctx, 'link-push', { linkId: link.id }, { tx })
  })
  return (await getLink(ctx.db, link.id))!
}

/** Clears the reported schema changes; what still holds (a deleted collection…) is found again. */
export async function dismissSchemaDrift(db: Queryable, link: Link) {
  const state = await getSchemaState(db, link.id)
  await saveSchemaState(db, link.id, { drift: state.drift.filter((d) => d.kind === 'collectionDeleted') })
  await audit(db, link, 'schema.dismiss', { dismissed: state.drift.length })
}

function audit(db: Queryable, link: Link, action: string, after: unknown) {
  return appendAudit(db, [
    { direction: 'admin', action, siteId: link.siteId, subjectType: 'link', subjectId: link.id, after },
  ])
}
