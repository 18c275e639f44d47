import { type CollectionItem, type CollectionItemPayload, WebhookDelivery } from '@bindery/shared/webflow'
import type { AppContext } from '../context/app-context'
import { pendingItemChanges } from '../db/inbox'
import { getItemLinkByWebflowId, type ItemLink } from '../db/item-links'
import type { Link } from '../db/links'
import { inTransaction } from '../db/pool'
import { WebflowApiError } from '../webflow/webflow-api-error'
import type { WebflowApi } from '../webflow/webflow-client'
import { applyItem } from './apply-delivery'
import type { PlannedItem } from './push-plan'

const PAGES = 3
/** Up to this many updates are read one by one: a request each, where the list takes up to PAGES. */
const BY_ID = 2

/**
 * Before overwriting items in Webflow, looks for Webflow edits Bindery never heard of (a lost
 * webhook), and merges them in first, so a push cannot silently undo them. An edit of one or two
 * items reads those items (one request each); more read the most recently updated items, one list
 * request per 100, until the oldest known update. Returns how many were merged.
 */
export async function mergeUnseenWebflowEdits(
  ctx: AppContext,
  wf: WebflowApi,
  link: Link,
  updates: PlannedItem[],
): Promise<number> {
  if (!updates.length || link.direction === 'push-only') return 0
  const byId = new Map(updates.map((p) => [p.itemLink.webflowItemId!, p]))
  const current =
    updates.length <= BY_ID ? await readEach(wf, link, [...byId.keys()]) : await readRecent(wf, link, updates)
  const unseen: { p: PlannedItem; item: CollectionItem }[] = []
  for (const item of current) {
    const p = byId.get(item.id)
    const known = p?.itemLink.webflowLastUpdated?.getTime() ?? 0
    if (p && new Date(item.lastUpdated).getTime() > known) unseen.push({ p, item })
  }
  for (const { p, item } of unseen) {
    await inTransaction(ctx.db, (tx) => applyItem(tx, ctx, link, p.itemLink, item))
  }
  return unseen.length
}

/** The items as Webflow has them now; one gone from Webflow is left out (the write finds it gone). */
async function readEach(wf: WebflowApi, link: Link, ids: string[]): Promise<CollectionItem[]> {
  const out: CollectionItem[] = []
  for (const id of ids) {
    const item = await wf.getItem(link.webflowCollectionId, id).catch((err) => {
      if (WebflowApiError.notFound(err)) return undefined
      throw err
    })
    if (item) out.push(item)
  }
  return out
}

/** The most recently updated items, newest first, until past the oldest update known of `updates`. */
async function readRecent(wf: WebflowApi, link: Link, updates: PlannedItem[]): Promise<CollectionItem[]> {
  const oldest = Math.min(...updates.map((p) => p.itemLink.webflowLastUpdated?.getTime() ?? 0))
  const out: CollectionItem[] = []
  for (let page = 0; page < PAGES; page++) {
    const { items } = await wf.listItems(link.webflowCollectionId, {
      offset: page * 100,
      limit: 100,
      sortBy: 'lastUpdated',
      sortOrder: 'desc',
    })
    out.push(...items)
    const last = items.at(-1)
    if (items.length < 100 || !last || new Date(last.lastUpdated).getTime() <= oldest) break
  }
  return out
}

/**
 * After a push's update was answered, and before it is recorded: a Webflow edit made after the push
 * looked (above) and before its write landed was overwritten in Webflow by that write, and only its
 * webhook still carries it. Recording the write first would make that webhook look stale (older than
 * the write's `lastUpdated`), and the edit would be lost on both sides. Such a webhook, still pending,
 * is applied now, through the pull's merge: a newer Webflow edit wins the hub, and the push record
 * that follows keeps the item dirty, so the next round sends it back to Webflow. A webhook that comes
 * in after the write is recorded is not caught here. Returns how many were applied.
 */
export async function mergeOverwrittenEdits(
  ctx: AppContext,
  link: Link,
  written: { planned: ItemLink; answer: CollectionItem }[],
): Promise<number> {
  if (!written.length || link.direction === 'push-only') return 0
  const byId = new Map(written.map((w) => [w.answer.id, w]))
  const pending = await pendingItemChanges(ctx.db, link.siteId, link.webflowCollectionId, [...byId.keys()])
  let applied = 0
  for (const body of pending) {
    const parsed = WebhookDelivery.safeParse(body)
    if (!parsed.success || parsed.data.triggerType !== 'collection_item_changed') continue
    const p = parsed.data.payload as CollectionItemPayload
    const w = byId.get(p.id)
    if (!w || !p.lastUpdated || !p.fieldData?.slug || !p.createdOn || p.isDraft === undefined) continue
    // Another locale's version: the write did not touch it (apply-locale-delivery.ts applies it).
    if (p.cmsLocaleId && p.cmsLocaleId !== w.answer.cmsLocaleId) continue
    const at = new Date(p.lastUpdated).getTime()
    // Seen before the push planned, or the write itself (or later): not overwritten by it.
    if (
      at <= (w.planned.webflowLastUpdated?.getTime() ?? 0) ||
      at >= new Date(w.answer.lastUpdated).getTime()
    )
      continue
    await inTransaction(ctx.db, async (tx) => {
      const current = await getItemLinkByWebflowId(tx, link.id, p.id)
      if (current?.webflowLastUpdated && current.webflowLastUpdated.getTime() >= at) return
      await applyItem(tx, ctx, link, current, p as CollectionItem)
      applied++
    })
  }
  return applied
}
