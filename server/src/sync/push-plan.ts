import type { DirtyItem } from '../db/item-links'
import type { Link } from '../db/links'
import type { HubContent } from '../vocabulary/hub-content'
import { contentHash } from './content-hash'
import { isLive } from './field-map'

export type PlannedItem = DirtyItem & { content: HubContent; hash: string }

/** How a round of dirty items reaches Webflow, grouped so that each group is one bulk request per 100. */
export type PushPlan = {
  createLive: PlannedItem[]
  createStaged: PlannedItem[]
  /** Published on both sides: a live PATCH updates and publishes in one request. */
  updateLive: PlannedItem[]
  /** Staged PATCH; `unpublish` first for items live in Webflow, `publish` after for newly published. */
  updateStaged: PlannedItem[]
  unpublish: PlannedItem[]
  publish: PlannedItem[]
  /** Content in sync, but the hub says published and Webflow has it not live: only a publish. */
  publishOnly: PlannedItem[]
  remove: PlannedItem[]
  /** Nothing to send: unchanged, or deleted before it ever reached Webflow. */
  clean: PlannedItem[]
  /** In review: stays dirty, sent once the conflict is resolved. */
  held: PlannedItem[]
}

export function hubContentOf(item: DirtyItem['item'], link: Link): HubContent {
  const fields: Record<string, unknown> = {}
  for (const f of link.fieldMap)
    if (item.fields[f.hubSlug] !== undefined) fields[f.hubSlug] = item.fields[f.hubSlug]
  return { name: item.name, slug: item.slug, status: item.status, fields }
}

export function planPush(dirty: DirtyItem[], link: Link): PushPlan {
  const plan: PushPlan = {
    createLive: [],
    createStaged: [],
    updateLive: [],
    updateStaged: [],
    unpublish: [],
    publish: [],
    publishOnly: [],
    remove: [],
    clean: [],
    held: [],
  }
  for (const d of dirty) {
    const content = hubContentOf(d.item, link)
    const p: PlannedItem = { ...d, content, hash: contentHash(content) }
    const wasLive = isLive(d.itemLink.webflowState)
    if (d.itemLink.syncState === 'conflict') {
      // Held for review: pushing would overwrite Webflow's side of the conflict.
      plan.held.push(p)
    } else if (d.item.deletedAt) {
      if (d.itemLink.webflowItemId) plan.remove.push(p)
      else plan.clean.push(p)
    } else if (!d.itemLink.webflowItemId) {
      ;(d.item.status === 'published' ? plan.createLive : plan.createStaged).push(p)
    } else if (p.hash === d.itemLink.syncedHash && d.itemLink.syncState !== 'failed') {
      ;(d.item.status === 'published' && !wasLive ? plan.publishOnly : plan.clean).push(p)
    } else if (d.item.status === 'published' && wasLive) {
      plan.updateLive.push(p)
    } else {
      plan.updateStaged.push(p)
      if (wasLive) plan.unpublish.push(p)
      if (d.item.status === 'published') plan.publish.push(p)
    }
  }
  return plan
}

export function chunks<T>(items: T[], size = 100): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
