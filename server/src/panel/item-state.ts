import type { ItemSyncState } from '@bindery/shared/api/links'
import { getHubItem } from '../db/hub-items'
import { assetsOf } from '../db/item-assets'
import { getItemLinkOnSite, hubIdsOf, type ItemLink } from '../db/item-links'
import { getLink } from '../db/links'
import type { Queryable } from '../db/pool'
import { SKIPPED } from '../sync/asset-map'
import { canonicalJson } from '../sync/content-hash'
import { webflowStateOf } from '../sync/field-map'
import { fieldMemoryOf } from '../sync/field-memory'
import { hubContentOf } from '../sync/push-plan'
import { referencedWebflowIds, webflowContentOf } from '../sync/webflow-content'
import { WebflowApiError } from '../webflow/webflow-api-error'
import type { WebflowApi } from '../webflow/webflow-client'
import { itemLocaleDiff } from './item-locale-diff'

const NOT_LINKED: ItemSyncState = {
  linked: false,
  linkId: null,
  hubItemId: null,
  name: null,
  state: 'not_linked',
  lastPushedAt: null,
  lastPulledAt: null,
  lastError: null,
  diff: [],
  changesNotLive: false,
}

/** The sync state of the Webflow item open on the canvas, with a field-by-field diff of both sides. */
export async function itemState(
  db: Queryable,
  wf: WebflowApi,
  siteId: string,
  webflowItemId: string,
  locale?: string,
): Promise<ItemSyncState> {
  const il = await getItemLinkOnSite(db, siteId, webflowItemId)
  if (!il) return NOT_LINKED
  const [link, hubItem] = await Promise.all([getLink(db, il.linkId), getHubItem(db, il.hubItemId)])
  if (!link || !hubItem) return NOT_LINKED
  const localeDiff = locale ? await itemLocaleDiff(db, wf, link, hubItem, webflowItemId, locale) : null
  if (localeDiff) {
    return {
      ...summary(il, link.id, hubItem),
      lastError: il.lastError ?? (await skippedMessage(db, il.id)),
      diff: localeDiff,
      changesNotLive: false,
      locale: locale ?? null,
    }
  }
  const hub = hubContentOf(hubItem, link)
  const diff: ItemSyncState['diff'] = []
  const item = await wf.getItem(link.webflowCollectionId, webflowItemId).catch((e) => {
    if (WebflowApiError.notFound(e)) return undefined
    throw e
  })
  if (item) {
    const refs = await hubIdsOf(db, referencedWebflowIds(link, [item]))
    const webflow = webflowContentOf(link, item, refs, undefined, await fieldMemoryOf(db, il.id))
    const pairs: [string, unknown, unknown][] = [
      ['name', hub.name, webflow.name],
      ['slug', hub.slug, webflow.slug],
      ['status', hub.status, webflow.status],
      ...link.fieldMap.map((f): [string, unknown, unknown] => [
        f.hubSlug,
        hub.fields[f.hubSlug] ?? null,
        webflow.fields[f.hubSlug] ?? null,
      ]),
    ]
    for (const [field, h, w] of pairs)
      if (canonicalJson(h) !== canonicalJson(w)) diff.push({ field, hub: h, webflow: w })
  }
  return {
    ...summary(il, link.id, hubItem),
    lastError: il.lastError ?? (await skippedMessage(db, il.id)),
    diff,
    // docs/webflow.md, Item states: the hub status stays published; the panel says what is not live.
    changesNotLive: !!item && ['changes_queued', 'changes_in_draft'].includes(webflowStateOf(item)),
    locale: null,
  }
}

function summary(il: ItemLink, linkId: string, hubItem: { id: string; name: string }) {
  return {
    linked: true,
    linkId,
    hubItemId: hubItem.id,
    name: hubItem.name,
    state: il.syncState === 'synced' && il.dirty ? ('pending' as const) : il.syncState,
    lastPushedAt: il.lastPushedAt?.toISOString() ?? null,
    lastPulledAt: il.lastPulledAt?.toISOString() ?? null,
  }
}

/** Files Webflow skipped for this item: reported on the item instead of read as deletions. */
async function skippedMessage(db: Queryable, itemLinkId: string): Promise<string | null> {
  const skipped = (await assetsOf(db, [itemLinkId])).filter((a) => a.status === 'skipped')
  if (!skipped.length) return null
  return `${SKIPPED}: ${skipped.map((a) => `${a.field} (${a.hubUrl})`).join(', ')}`
}
