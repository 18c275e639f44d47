import type { FieldPair, UpdateLinkRequest } from '@bindery/shared/api/links'
import type { Collection } from '@bindery/shared/webflow'
import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import { appendAudit } from '../db/audit-log'
import { getSiteCollection, type HubCollection } from '../db/hub-collections'
import { markLinkedDirty } from '../db/item-links'
import { getLink, type Link, listLinks, markDisconnected, updateLink, updateLinkSettings } from '../db/links'
import { type Db, inTransaction } from '../db/pool'
import { checkLinkSchema } from '../sync/check-link-schema'
import {
  buildFieldMap,
  fieldsToCreate,
  requestedPairs,
  webflowField,
  webflowFieldFor,
} from '../sync/field-plan'
import { notFound } from '../vocabulary/app-error'
import type { FieldMapEntry } from '../vocabulary/hub-content'
import type { WebflowApi } from '../webflow/webflow-client'

/** The field map of the pairs against the Webflow schema, each pair checked (`fieldCompatibility`). */
export function fieldMapOf(
  hub: HubCollection,
  collection: Collection,
  pairs: FieldPair[],
  webflowOf: (hubCollectionId: string) => string | undefined,
): FieldMapEntry[] {
  return buildFieldMap(
    pairs.map((p) => ({
      hub: hub.fields.find((f) => f.slug === p.hubSlug)!,
      webflow: webflowField(collection, p.webflowSlug),
    })),
    webflowOf,
  )
}

/**
 * Changes a link's settings: fields (and their pairing), pause, direction, conflict policy, delete
 * mode, site publishing. Webflow fields new to the link are created first (Webflow is outside any
 * transaction); then every hub change and the push it needs commit together.
 */
export async function changeLink(
  ctx: AppContext,
  wf: WebflowApi,
  link: Link,
  req: UpdateLinkRequest,
  actor: string,
): Promise<Link> {
  const pairs = requestedPairs(req)
  let fieldMap: FieldMapEntry[] | undefined
  if (pairs) {
    const hub = await getSiteCollection(ctx.db, link.siteId, link.hubCollectionId)
    if (!hub) throw notFound('hub collection')
    let collection = await wf.getCollection(link.webflowCollectionId)
    // A field change is a moment to notice what the Designer changed (docs/webflow.md).
    await checkLinkSchema(ctx.db, wf, link, collection)
    const links = await listLinks(ctx.db, link.siteId)
    const webflowOf = (id: string) => links.find((l) => l.hubCollectionId === id)?.webflowCollectionId
    for (const f of fieldsToCreate(hub, collection, pairs)) {
      await wf.createField(link.webflowCollectionId, webflowFieldFor(f, webflowOf))
      collection = await wf.getCollection(link.webflowCollectionId)
    }
    fieldMap = fieldMapOf(hub, collection, pairs, webflowOf)
  }
  return inTransaction(ctx.db, async (tx) => {
    const current = (await getLink(tx, link.id))!
    const added = fieldMap?.some(
      (f) => !current.fieldMap.some((o) => o.hubSlug === f.hubSlug && o.webflowSlug === f.webflowSlug),
    )
    if (fieldMap) await updateLink(tx, link.id, { fieldMap })
    await updateLinkSettings(tx, link.id, {
      direction: req.direction,
      conflictPolicy: req.conflictPolicy,
      deleteMode: req.deleteMode,
      publishSite: req.publishSite,
      publishCustomDomains: req.publishCustomDomains,
    })
    // A link that starts pushing sends what the hub has now.
    const startsPushing =
      req.direction !== undefined && req.direction !== 'pull-only' && current.direction === 'pull-only'
    if (added || startsPushing) await markLinkedDirty(tx, link.id)
    if (req.paused !== undefined) await updateLink(tx, link.id, { state: req.paused ? 'paused' : 'live' })
    const pushes = (current.direction !== 'pull-only' || startsPushing) && req.direction !== 'pull-only'
    if (pushes && (added || startsPushing || req.paused === false))
      await enqueue(ctx, 'link-push', { linkId: link.id }, { tx })
    // A Webflow → hub link that now reads Webflow catches up with a reconcile.
    if (req.direction && req.direction !== 'push-only' && current.direction === 'push-only')
      await enqueue(ctx, 'link-reconcile', { linkId: link.id, trigger: 'manual' }, { tx })
    await appendAudit(tx, [
      {
        direction: 'admin',
        action: 'link.update',
        siteId: link.siteId,
        subjectType: 'link',
        subjectId: link.id,
        before: settingsOf(current),
        after: req,
        actor,
      },
    ])
    return (await getLink(tx, link.id))!
  })
}

const settingsOf = (l: Link) => ({
  direction: l.direction,
  conflictPolicy: l.conflictPolicy,
  deleteMode: l.deleteMode,
  publishSite: l.publishSite,
  publishCustomDomains: l.publishCustomDomains,
  fieldPairs: l.fieldMap.map((f) => ({ hubSlug: f.hubSlug, webflowSlug: f.webflowSlug })),
  state: l.state,
})

/** Disconnects a link: sync stops, and the data stays on both sides. */
export async function disconnectLink(db: Db, link: Link, actor: string) {
  await inTransaction(db, async (tx) => {
    await markDisconnected(tx, link.id)
    await appendAudit(tx, [
      {
        direction: 'admin',
        action: 'link.disconnect',
        siteId: link.siteId,
        subjectType: 'link',
        subjectId: link.id,
        actor,
      },
    ])
  })
}
