import type { CollectionItem, CollectionItemPayload, WebhookDelivery } from '@bindery/shared/webflow'
import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import { appendAudit } from '../db/audit-log'
import { upsertOpenConflict } from '../db/conflicts'
import {
  getHubItem,
  getHubItemBySlug,
  type HubItem,
  insertHubItem,
  softDeleteHubItem,
  updateHubItem,
} from '../db/hub-items'
import {
  getItemLinkByWebflowId,
  hubIdsOf,
  type ItemLink,
  markConflict,
  markDeleted,
  markWebflowGone,
  recordSynced,
} from '../db/item-links'
import { getLinkByWebflowCollection, type Link } from '../db/links'
import type { Tx } from '../db/pool'
import type { HubContent } from '../vocabulary/hub-content'
import { WebflowApiError } from '../webflow/webflow-api-error'
import { applyLocaleDelivery } from './apply-locale-delivery'
import { canonicalJson, contentHash } from './content-hash'
import { type DroppedValue, webflowStateOf } from './field-map'
import { fieldMemoryOf } from './field-memory'
import { holdPulledDelete } from './hold-deletes'
import { mergeContent } from './merge'
import { hubContentOf } from './push-plan'
import { recordPulledAssets } from './record-answer'
import { learnSchema } from './schema-recheck'
import { finishAfterSitePublish } from './site-publish-wait'
import { referencedWebflowIds, webflowContentOf } from './webflow-content'

export type DeliveryOutcome = 'processed' | 'ignored'

/**
 * Applies one accepted webhook delivery to the hub, inside the caller's transaction. Echoes of
 * Bindery's own pushes hash the same as what was pushed and change nothing; events no newer than
 * what was applied change nothing; collections no link pulls are ignored.
 */
export async function applyDelivery(
  tx: Tx,
  delivery: WebhookDelivery,
  ctx: AppContext,
): Promise<DeliveryOutcome> {
  if (delivery.triggerType === 'site_publish') {
    // A new collection's items go live now (docs/webflow.md, New collections and the site).
    await finishAfterSitePublish(tx, ctx.boss, delivery.payload.siteId)
    return 'processed'
  }
  const payload = delivery.payload
  // Only a link of the site the delivery names: a collection id of another site is ignored.
  const link = await getLinkByWebflowCollection(tx, payload.siteId, payload.collectionId)
  if (!link || link.direction === 'push-only') return 'ignored'
  const localized = await applyLocaleDelivery(tx, ctx, link, delivery, (il, item) =>
    applyItem(tx, ctx, link, il, item),
  )
  if (localized) return localized
  const itemLink = await getItemLinkByWebflowId(tx, link.id, payload.id)

  if (delivery.triggerType === 'collection_item_deleted') {
    if (itemLink) await deleteFromHubUnlessHeld(tx, ctx, link, itemLink)
    return 'processed'
  }
  if (itemLink && notNewer(payload, itemLink)) return 'processed'
  const item = await fullItem(ctx, link, payload)
  if (!item) return 'processed'
  await applyItem(tx, ctx, link, itemLink, item)
  return 'processed'
}

/**
 * An event no newer than what was applied. A publish need not move `lastUpdated` (docs/webflow.md,
 * Publishing items), so a payload whose state differs from the recorded one is always newer.
 */
function notNewer(p: CollectionItemPayload, itemLink: ItemLink): boolean {
  if (!itemLink.webflowLastUpdated || !p.lastUpdated) return false
  if (new Date(p.lastUpdated) > itemLink.webflowLastUpdated) return false
  if (p.isDraft === undefined || p.isArchived === undefined) return false
  const state = webflowStateOf({ ...p, isDraft: p.isDraft, isArchived: p.isArchived })
  return state === itemLink.webflowState
}

/** Webhook payloads usually carry the whole item; a minimal one is completed from Webflow. */
async function fullItem(
  ctx: AppContext,
  link: Link,
  p: CollectionItemPayload,
): Promise<CollectionItem | undefined> {
  if (p.fieldData?.slug && p.lastUpdated && p.createdOn && p.isDraft !== undefined) return p as CollectionItem
  const wf = await ctx.webflow.forSite(link.siteId)
  return wf.getItem(link.webflowCollectionId, p.id).catch((err) => {
    // Gone since the event: its deletion arrives as an event of its own.
    if (WebflowApiError.notFound(err)) return undefined
    throw err
  })
}

/** Applies a Webflow item to the hub through the field map and the three-way merge. */
export async function applyItem(
  tx: Tx,
  ctx: AppContext,
  linked: Link,
  seen: ItemLink | undefined,
  item: CollectionItem,
): Promise<void> {
  const link = await learnSchema(tx, ctx, linked, item, seen?.base)
  // Reading the schema may have changed the item's synced snapshot (a removed Option): read it again.
  const itemLink = seen && link !== linked ? await getItemLinkByWebflowId(tx, link.id, item.id) : seen
  const hubIds = await hubIdsOf(tx, referencedWebflowIds(link, [item]))
  const dropped: DroppedValue[] = []
  const memory = await fieldMemoryOf(tx, itemLink?.id)
  const incoming = webflowContentOf(link, item, hubIds, dropped, memory)
  if (dropped.length) await auditDropped(tx, link, item, dropped)
  const hash = contentHash(incoming)
  const webflowState = webflowStateOf(item)
  const synced = { webflowItemId: item.id, webflowState, webflowLastUpdated: item.lastUpdated }

  const hubItem = itemLink
    ? await getHubItem(tx, itemLink.hubItemId)
    : await getHubItemBySlug(tx, link.hubCollectionId, incoming.slug)
  if (itemLink && hash === itemLink.syncedHash) {
    // Our own push coming back: remember Webflow's timestamp and state, change nothing.
    await recordSynced(tx, link.id, 'pull', [
      { ...synced, hubItemId: itemLink.hubItemId, hash, base: incoming, version: hubItem?.version ?? 0 },
    ])
    return
  }
  if (!hubItem || hubItem.deletedAt) {
    const created = await insertHubItem(tx, link.hubCollectionId, { ...incoming })
    await recordSynced(tx, link.id, 'pull', [
      { ...synced, hubItemId: created.id, hash, base: incoming, version: created.version },
    ])
    await audit(tx, link, created.id, 'hub.create', null, incoming)
    return
  }
  const current = hubContentOf(hubItem, link)
  const webflowIsNewer = new Date(item.lastUpdated) > hubItem.updatedAt
  const { merged, conflicts } = mergeContent(
    itemLink?.base ?? null,
    current,
    incoming,
    link.conflictPolicy,
    webflowIsNewer,
  )
  if (canonicalJson(merged) !== canonicalJson(current)) await writeHub(tx, link, hubItem, merged)
  if (itemLink) await recordPulledAssets(tx, itemLink.id, link.fieldMap, item, memory)
  const review = link.conflictPolicy === 'review' && conflicts.length > 0
  const agrees = canonicalJson(merged) === canonicalJson(incoming)
  await recordSynced(tx, link.id, 'pull', [
    {
      ...synced,
      hubItemId: hubItem.id,
      hash: agrees ? hash : (itemLink?.syncedHash ?? ''),
      // What Webflow now holds: the push that follows sends only the hub's own changes against it.
      base: agrees ? merged : review ? (itemLink?.base ?? incoming) : incoming,
      version: hubItem.version + 1,
      stillDirty: !agrees && !review,
    },
  ])
  if (review) {
    // Nothing is overwritten until someone chooses: the hub keeps its values, Webflow keeps its own.
    await upsertOpenConflict(tx, {
      linkId: link.id,
      hubItemId: hubItem.id,
      webflowItemId: item.id,
      fields: conflicts,
      webflowContent: incoming,
      webflowLastUpdated: item.lastUpdated,
    })
    await markConflict(
      tx,
      link.id,
      hubItem.id,
      `both sides changed: ${conflicts.map((c) => c.field).join(', ')}`,
    )
  } else if (!agrees && link.direction === 'two-way') {
    // The hub kept changes Webflow lacks: push the merged result back.
    await enqueue(ctx, 'link-push', { linkId: link.id }, { tx })
  }
}

async function writeHub(tx: Tx, link: Link, hubItem: HubItem, merged: HubContent) {
  const fields = { ...hubItem.fields }
  for (const f of link.fieldMap) {
    if (merged.fields[f.hubSlug] === undefined) delete fields[f.hubSlug]
    else fields[f.hubSlug] = merged.fields[f.hubSlug]
  }
  await updateHubItem(tx, hubItem.id, { name: merged.name, slug: merged.slug, status: merged.status, fields })
  await audit(tx, link, hubItem.id, 'hub.update', hubContentOf(hubItem, link), merged)
}

/**
 * A burst of deletes from Webflow past the mass-delete threshold, or any delete of a link that holds
 * deletes, waits for a person (hold-deletes.ts); a link that archives instead archives the hub item.
 */
async function deleteFromHubUnlessHeld(tx: Tx, ctx: AppContext, link: Link, itemLink: ItemLink) {
  const hubItem = await getHubItem(tx, itemLink.hubItemId)
  if (!hubItem || hubItem.deletedAt) return deleteFromHub(tx, link, itemLink)
  if (link.deleteMode === 'archive') return archiveInHub(tx, link, itemLink, hubItem)
  const held = {
    hubItemId: hubItem.id,
    webflowItemId: itemLink.webflowItemId,
    slug: hubItem.slug,
    name: hubItem.name,
  }
  if ((await holdPulledDelete(tx, ctx, link, held)) === 'allowed') await deleteFromHub(tx, link, itemLink)
}

export async function deleteFromHub(tx: Tx, link: Link, itemLink: ItemLink) {
  const deleted = await softDeleteHubItem(tx, itemLink.hubItemId)
  await markDeleted(tx, [itemLink.id], 'pull')
  if (deleted) await audit(tx, link, deleted.id, 'hub.delete', null, null)
}

/** Delete mode 'archive': Webflow deleted the item, the hub archives it (and keeps its content). */
export async function archiveInHub(tx: Tx, link: Link, itemLink: ItemLink, hubItem: HubItem) {
  if (hubItem.status !== 'archived') {
    const archived = await updateHubItem(tx, hubItem.id, { ...hubItem, status: 'archived' })
    if (archived)
      await audit(
        tx,
        link,
        hubItem.id,
        'hub.archive',
        hubContentOf(hubItem, link),
        hubContentOf(archived, link),
      )
  }
  await markWebflowGone(tx, itemLink.id)
}

/** Unsafe URLs never enter the hub; the audit log keeps what Webflow had, so someone can fix it there. */
function auditDropped(tx: Tx, link: Link, item: CollectionItem, dropped: DroppedValue[]) {
  return appendAudit(tx, [
    {
      direction: 'pull',
      action: 'pull.unsafe_url_dropped',
      siteId: link.siteId,
      subjectType: 'webflow_item',
      subjectId: item.id,
      before: { fields: Object.fromEntries(dropped.map((d) => [d.field, d.value])) },
      after: { dropped: dropped.map((d) => ({ field: d.field, reason: d.reason })) },
    },
  ])
}

function audit(tx: Tx, link: Link, hubItemId: string, action: string, before: unknown, after: unknown) {
  return appendAudit(tx, [
    {
      direction: 'pull',
      action,
      siteId: link.siteId,
      subjectType: 'hub_item',
      subjectId: hubItemId,
      before,
      after,
    },
  ])
}
