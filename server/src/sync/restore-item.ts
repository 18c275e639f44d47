import type { Boss } from '../context/boss'
import { releaseHeldItem } from '../db/delete-holds'
import { getHubItemBySlug, type HubItem, restoreHubItem } from '../db/hub-items'
import { relinkForPush } from '../db/item-links'
import type { Tx } from '../db/pool'
import { markDirty } from './mark-dirty'

export type RestoreOutcome =
  | { restored: HubItem; before: HubItem }
  | { notDeleted: true }
  | { slugTaken: string }

/**
 * Brings a tombstoned hub item back and sends it to Webflow again: a new Webflow item when the old
 * one is gone, the old one adopted by slug when it is still there (never a duplicate; see
 * `relinkForPush`). The item leaves any open delete hold.
 */
export async function restoreItem(tx: Tx, boss: Boss, item: HubItem): Promise<RestoreOutcome> {
  if (!item.deletedAt) return { notDeleted: true }
  // A live item took the slug meanwhile: the caller decides (rename it first).
  if (await getHubItemBySlug(tx, item.collectionId, item.slug)) return { slugTaken: item.slug }
  const restored = await restoreHubItem(tx, item.id)
  if (!restored) return { notDeleted: true }
  await relinkForPush(tx, item.id)
  await markDirty(tx, boss, item.collectionId, [item.id])
  await releaseHeldItem(tx, item.id)
  return { restored, before: item }
}
