import type { ConnectRequest } from '@bindery/shared/api/links'
import { type HubField, hubTypeOf } from '@bindery/shared/hub'
import type { Collection } from '@bindery/shared/webflow'
import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import { addCollectionLocales } from '../db/hub-collection-locales'
import {
  collectionSlugTaken,
  getSiteCollection,
  type HubCollection,
  insertHubCollection,
  insertHubFields,
} from '../db/hub-collections'
import { markCollectionLocalesDirty } from '../db/item-link-locales'
import { linkAllHubItems } from '../db/item-links'
import {
  awaitSitePublish,
  insertLink,
  type Link,
  listLinks,
  type NewLink,
  saveSchemaState,
  updateLink,
} from '../db/links'
import { inTransaction, type Tx } from '../db/pool'
import { AppError, badRequest, notFound } from '../vocabulary/app-error'
import { WebflowApiError } from '../webflow/webflow-api-error'
import type { WebflowApi } from '../webflow/webflow-client'
import { knownFieldsOf } from './compare-schema'
import {
  buildFieldMap,
  optionIds,
  referencedCollectionOf,
  unsupportedReason,
  webflowField,
  webflowFieldFor,
} from './field-plan'
import { refreshSiteLocales } from './site-locales-refresh'

/**
 * Connects a hub collection and a Webflow collection: (a) publish a hub collection to Webflow,
 * (b) import a Webflow collection into the hub, or (c) link an existing pair by slug. The schema work
 * happens now, so the caller sees its errors; the items follow in jobs that report progress.
 */
export async function connect(ctx: AppContext, siteId: string, req: ConnectRequest): Promise<Link> {
  const wf = await ctx.webflow.forSite(siteId)
  const links = await listLinks(ctx.db, siteId)
  const webflowOf = (hubId: string) => links.find((l) => l.hubCollectionId === hubId)?.webflowCollectionId
  const hubOf = (webflowId: string) => links.find((l) => l.webflowCollectionId === webflowId)?.hubCollectionId
  const common = {
    siteId,
    direction: req.direction,
    conflictPolicy: req.conflictPolicy,
    deleteMode: req.deleteMode,
    publishSite: req.publishSite === true,
  }
  const siteLocales = await refreshSiteLocales(ctx.db, wf, siteId)

  if (req.mode === 'publish') {
    const hub = await hubCollection(ctx, siteId, req.hubCollectionId, links)
    const fields = pick(hub.fields, req.fields)
    const created = await wf
      .createCollection(siteId, {
        displayName: hub.name,
        singularName: hub.singularName,
        slug: hub.slug,
        fields: fields.map((f) => webflowFieldFor(f, webflowOf)),
      })
      .catch(asAppError)
    const fieldMap = buildFieldMap(fields.map((f) => ({ hub: f, webflow: webflowField(created, f.slug) })))
    return inTransaction(ctx.db, (tx) =>
      start(
        ctx,
        tx,
        { ...common, hubCollectionId: hub.id, webflowCollectionId: created.id, fieldMap, schema: created },
        { mode: 'publish' },
      ),
    )
  }

  const collection = await webflowCollection(wf, siteId, req.webflowCollectionId, links)
  if (req.mode === 'import') {
    if (await collectionSlugTaken(ctx.db, siteId, collection.slug ?? '')) {
      throw new AppError(
        409,
        'conflict',
        `the hub already has a collection "${collection.slug}": link the pair instead`,
      )
    }
    const hubFields = req.fields.map((slug) => hubFieldFrom(collection, slug, hubOf))
    return inTransaction(ctx.db, async (tx) => {
      const hubCollectionId = await insertHubCollection(tx, siteId, {
        slug: collection.slug ?? collection.id,
        name: collection.displayName,
        singularName: collection.singularName,
      })
      await insertHubFields(tx, hubCollectionId, hubFields)
      // An imported collection carries every locale of the site.
      await addCollectionLocales(
        tx,
        hubCollectionId,
        siteLocales.filter((l) => !l.isPrimary).map((l) => l.tag),
      )
      const fieldMap = buildFieldMap(
        hubFields.map((f) => ({ hub: f, webflow: webflowField(collection, f.slug) })),
      )
      return start(
        ctx,
        tx,
        { ...common, hubCollectionId, webflowCollectionId: collection.id, fieldMap, schema: collection },
        { mode: 'import' },
      )
    })
  }

  const hub = await hubCollection(ctx, siteId, req.hubCollectionId, links)
  const pairs = req.fields.map((p) => ({
    hub: pick(hub.fields, [p.hubSlug])[0]!,
    webflow: webflowField(collection, p.webflowSlug),
  }))
  for (const p of pairs) {
    const ref = p.hub.referenceCollectionId
    if (ref && webflowOf(ref) !== referencedCollectionOf(p.webflow)) {
      throw badRequest(
        `field "${p.hub.slug}" must reference the Webflow collection linked to its hub collection`,
      )
    }
  }
  const fieldMap = buildFieldMap(pairs, webflowOf)
  return inTransaction(ctx.db, (tx) =>
    start(
      ctx,
      tx,
      {
        ...common,
        hubCollectionId: hub.id,
        webflowCollectionId: collection.id,
        fieldMap,
        schema: collection,
      },
      { mode: 'link', firstMatchWinner: req.firstMatchWinner },
    ),
  )
}

/** How a link starts: what the connect did, and for a linked pair which side wins a first match. */
type StartOptions = { mode: 'publish' | 'import' | 'link'; firstMatchWinner?: 'hub' | 'webflow' }

/** Inserts the link and queues its initial sync, in the caller's transaction. */
async function start(
  ctx: AppContext,
  tx: Tx,
  l: NewLink & { schema: Collection },
  { mode, firstMatchWinner }: StartOptions,
): Promise<Link> {
  const link = await insertLink(tx, l)
  // The schema as connected: what later schema checks measure "added" against.
  await saveSchemaState(tx, link.id, { known: knownFieldsOf(l.schema), checked: true })
  await updateLink(tx, link.id, { state: 'syncing' })
  if (mode === 'publish') {
    // The new Webflow collection goes live with a site publish: Bindery's, with consent, or the user's.
    await awaitSitePublish(tx, link.id)
    // Every item is new to Webflow: the push creates them in bulk, published ones live.
    const total = await linkAllHubItems(tx, link.id, l.hubCollectionId)
    await updateLink(tx, link.id, { progressTotal: total })
    // The hub's locale versions follow their items into every locale the site has.
    await markCollectionLocalesDirty(tx, link.id, l.hubCollectionId)
    await enqueue(ctx, 'link-push', { linkId: link.id }, { tx })
  } else {
    await enqueue(ctx, 'link-connect', { linkId: link.id, mode, firstMatchWinner }, { tx })
  }
  return { ...link, state: 'syncing', awaitingSitePublish: mode === 'publish' }
}

async function hubCollection(
  ctx: AppContext,
  siteId: string,
  id: string,
  links: Link[],
): Promise<HubCollection> {
  const hub = await getSiteCollection(ctx.db, siteId, id)
  if (!hub) throw notFound('hub collection')
  if (links.some((l) => l.hubCollectionId === id))
    throw new AppError(409, 'conflict', `"${hub.name}" is already connected`)
  return hub
}

/**
 * The Webflow collection, only if it is one of the site's: a token may cover the whole workspace,
 * so `getCollection` alone would hand a designer of site A the collections of site B.
 */
async function webflowCollection(
  wf: WebflowApi,
  siteId: string,
  id: string,
  links: Link[],
): Promise<Collection> {
  const { collections } = await wf.listCollections(siteId).catch(asAppError)
  if (!collections.some((c) => c.id === id)) throw notFound('Webflow collection on this site')
  const c = await wf.getCollection(id).catch(asAppError)
  if (links.some((l) => l.webflowCollectionId === id)) {
    throw new AppError(409, 'conflict', `"${c.displayName}" is already connected`)
  }
  return c
}

function pick(fields: HubField[], slugs: string[]): HubField[] {
  const unknown = slugs.filter((s) => !fields.some((f) => f.slug === s))
  if (unknown.length) throw badRequest(`unknown fields: ${unknown.join(', ')}`)
  return fields.filter((f) => slugs.includes(f.slug))
}

function hubFieldFrom(
  c: Collection,
  slug: string,
  hubOf: (webflowId: string) => string | undefined,
): HubField {
  const f = webflowField(c, slug)
  const reason = unsupportedReason(f)
  if (reason) throw badRequest(`field "${slug}" cannot be imported: ${reason}`)
  const type = hubTypeOf(f.type)!
  const field: HubField = { slug: f.slug, name: f.displayName, type, required: false }
  if (type === 'select') field.options = Object.keys(optionIds(f))
  if (type === 'reference' || type === 'multiReference') {
    const ref = hubOf(referencedCollectionOf(f) ?? '')
    if (!ref)
      throw badRequest(
        `field "${slug}" references a Webflow collection that is not connected yet: connect it first`,
      )
    field.referenceCollectionId = ref
  }
  return field
}

/** Webflow's refusals (a 400 on the schema, a 404) become the caller's errors, with Webflow's words. */
function asAppError(err: unknown): never {
  if (err instanceof WebflowApiError && err.status >= 400 && err.status < 500 && err.status !== 429) {
    const status = err.status === 404 ? 404 : err.status === 409 ? 409 : 400
    throw new AppError(
      status,
      status === 404 ? 'not_found' : 'webflow_error',
      `Webflow: ${err.message}`,
      err.details,
    )
  }
  throw err
}
