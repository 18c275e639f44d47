import type { CollectionItem, CollectionItemPayload } from '@bindery/shared/webflow'
import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import { appendAudit } from '../db/audit-log'
import { deleteLocaleVersion, getLocaleVersion, upsertLocaleVersions } from '../db/hub-item-locales'
import { getHubItem, touchHubItems } from '../db/hub-items'
import { getItemLinkLocale, recordLocaleSynced } from '../db/item-link-locales'
import { getItemLinkByWebflowId, hubIdsOf, type ItemLink } from '../db/item-links'
import type { Link } from '../db/links'
import type { Tx } from '../db/pool'
import { localesOfLink } from '../db/site-locales'
import { WebflowApiError } from '../webflow/webflow-api-error'
import { canonicalJson, contentHash } from './content-hash'
import { localeContentOf, localePart } from './locale-content'
import { mergeContent } from './merge'
import { referencedWebflowIds, webflowContentOf } from './webflow-content'

/**
 * Routes a delivery by its `cmsLocaleId` (docs/webflow.md "Localization"): a secondary locale the link
 * syncs is applied to that locale's hub version only, one it does not sync is ignored. Answers null
 * for the primary (and on sites whose locales Bindery does not know), which the caller applies as
 * before. Never lets one locale's text reach another.
 */
export async function applyLocaleDelivery(
  tx: Tx,
  ctx: AppContext,
  link: Link,
  delivery: { triggerType: string; payload: CollectionItemPayload },
  applyPrimary: (itemLink: ItemLink | undefined, item: CollectionItem) => Promise<void>,
): Promise<'processed' | 'ignored' | null> {
  const cms = delivery.payload.cmsLocaleId
  if (!cms) return null
  const locales = await localesOfLink(tx, link.siteId, link.hubCollectionId)
  if (!locales.primary || cms === locales.primary) return null
  const tag = locales.secondary.find((l) => l.cmsLocaleId === cms)?.tag
  if (!tag) return 'ignored'
  const payload = delivery.payload
  let itemLink = await getItemLinkByWebflowId(tx, link.id, payload.id)
  if (delivery.triggerType === 'collection_item_deleted') {
    if (itemLink && (await deleteLocaleVersion(tx, itemLink.hubItemId, tag))) {
      await touchHubItems(tx, [itemLink.hubItemId])
      await audit(tx, link, itemLink.hubItemId, 'hub.locale.delete', { locale: tag })
    }
    return 'processed'
  }
  if (!itemLink) {
    // The item's primary event has not arrived (reordered or lost): apply its primary version first.
    const primary = await fetchItem(ctx, link, payload.id)
    if (!primary) return 'processed'
    await applyPrimary(undefined, primary)
    itemLink = await getItemLinkByWebflowId(tx, link.id, payload.id)
    if (!itemLink) return 'processed'
  }
  const state = await getItemLinkLocale(tx, link.id, itemLink.hubItemId, tag)
  if (
    state?.webflowLastUpdated &&
    payload.lastUpdated &&
    new Date(payload.lastUpdated) <= state.webflowLastUpdated
  ) {
    return 'processed'
  }
  const complete = payload.fieldData?.slug && payload.lastUpdated && payload.createdOn
  const item = complete ? (payload as CollectionItem) : await fetchItem(ctx, link, payload.id, cms)
  if (!item) return 'processed'
  await applyLocaleItem(tx, ctx, link, itemLink.hubItemId, tag, item)
  return 'processed'
}

/** Applies one Webflow locale version to the hub's version of that locale by three-way merge. */
export async function applyLocaleItem(
  tx: Tx,
  ctx: AppContext,
  link: Link,
  hubItemId: string,
  tag: string,
  item: CollectionItem,
): Promise<void> {
  const hubItem = await getHubItem(tx, hubItemId)
  if (!hubItem || hubItem.deletedAt) return
  const hubIds = await hubIdsOf(tx, referencedWebflowIds(link, [item]))
  const incoming = localePart(webflowContentOf(link, item, hubIds), link.fieldMap, hubItem.status)
  const hash = contentHash(incoming)
  const state = await getItemLinkLocale(tx, link.id, hubItemId, tag)
  const version = await getLocaleVersion(tx, hubItemId, tag)
  const synced = { hubItemId, tag, webflowLastUpdated: item.lastUpdated }
  if (state && hash === state.syncedHash) {
    // Our own push coming back: remember Webflow's timestamp, change nothing.
    await recordLocaleSynced(tx, link.id, 'pull', [
      { ...synced, hash, base: incoming, version: version?.version ?? 0, stillDirty: state.dirty },
    ])
    return
  }
  const current = localeContentOf(hubItem, version, link.fieldMap)
  // Never synced: Webflow made this locale from the primary content, so that is the common base.
  const base = state?.base ?? localeContentOf(hubItem, null, link.fieldMap)
  const webflowIsNewer = new Date(item.lastUpdated) > (version?.updatedAt ?? hubItem.updatedAt)
  // [decided] 'review' keeps the hub's locale text for now: held conflicts are per item, not per locale.
  const policy = link.conflictPolicy === 'review' ? 'hub' : link.conflictPolicy
  const { merged } = mergeContent(base, current, incoming, policy, webflowIsNewer)
  let newVersion = version?.version ?? 0
  if (canonicalJson(merged) !== canonicalJson(current)) {
    const [written] = await upsertLocaleVersions(tx, [
      { hubItemId, tag, name: merged.name, slug: merged.slug, fields: merged.fields },
    ])
    newVersion = written!.version
    await touchHubItems(tx, [hubItemId])
    await audit(tx, link, hubItemId, 'hub.locale.update', { locale: tag, ...merged })
  }
  const agrees = canonicalJson(merged) === canonicalJson(incoming)
  await recordLocaleSynced(tx, link.id, 'pull', [
    {
      ...synced,
      hash: agrees ? hash : (state?.syncedHash ?? ''),
      base: agrees ? merged : (state?.base ?? incoming),
      version: newVersion,
      stillDirty: !agrees,
    },
  ])
  // The hub kept changes Webflow lacks: push the merged version back.
  if (!agrees && link.direction === 'two-way') await enqueue(ctx, 'link-push', { linkId: link.id }, { tx })
}

async function fetchItem(ctx: AppContext, link: Link, id: string, cmsLocaleId?: string) {
  const wf = await ctx.webflow.forSite(link.siteId)
  return wf.getItem(link.webflowCollectionId, id, cmsLocaleId).catch((err) => {
    // Gone since the event: its deletion arrives as an event of its own.
    if (WebflowApiError.notFound(err)) return undefined
    throw err
  })
}

function audit(tx: Tx, link: Link, hubItemId: string, action: string, after: unknown) {
  return appendAudit(tx, [
    { direction: 'pull', action, siteId: link.siteId, subjectType: 'hub_item', subjectId: hubItemId, after },
  ])
}
