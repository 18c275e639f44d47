import type { CollectionItem } from '@bindery/shared/webflow'
import type { AppContext } from '../context/app-context'
import type { Link } from '../db/links'
import { inTransaction } from '../db/pool'
import type { WebflowApi } from '../webflow/webflow-client'
import { applyItem } from './apply-delivery'
import type { PlannedItem } from './push-plan'

const PAGES = 3

/**
 * Before overwriting items in Webflow, looks for Webflow edits Bindery never heard of (a lost
 * webhook) among the most recently updated items, and merges them in first, so a push cannot
 * silently undo them. One list request per 100 recent items; returns how many were merged.
 */
export async function mergeUnseenWebflowEdits(
  ctx: AppContext,
  wf: WebflowApi,
  link: Link,
  updates: PlannedItem[],
): Promise<number> {
  if (!updates.length || link.direction === 'push-only') return 0
  const byId = new Map(updates.map((p) => [p.itemLink.webflowItemId!, p]))
  const oldest = Math.min(...updates.map((p) => p.itemLink.webflowLastUpdated?.getTime() ?? 0))
  const unseen: { p: PlannedItem; item: CollectionItem }[] = []
  for (let page = 0; page < PAGES; page++) {
    const { items } = await wf.listItems(link.webflowCollectionId, {
      offset: page * 100,
      limit: 100,
      sortBy: 'lastUpdated',
      sortOrder: 'desc',
    })
    for (const item of items) {
      const p = byId.get(item.id)
      const known = p?.itemLink.webflowLastUpdated?.getTime() ?? 0
      if (p && new Date(item.lastUpdated).getTime() > known) unseen.push({ p, item })
    }
    const last = items.at(-1)
    if (items.length < 100 || !last || new Date(last.lastUpdated).getTime() <= oldest) break
  }
  for (const { p, item } of unseen) {
    await inTransaction(ctx.db, (tx) => applyItem(tx, ctx, link, p.itemLink, item))
  }
  return unseen.length
}
