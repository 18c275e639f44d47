import { markHubItemsDirty } from '../db/item-links'
import { type Tx, txAdapter } from '../db/pool'
import type { Boss } from '../jobs/boss'
import { pushPriority } from '../jobs/lanes'

/**
 * Marks hub items as needing a push on every active link that pushes their collection, and enqueues
 * one push per link in the caller's transaction: the write and its push commit or vanish together.
 * A push already queued for the link absorbs this one (the queue is stately per link). An edit of a
 * few items goes in the edit lane (jobs/lanes.ts).
 */
export async function markDirty(
  tx: Tx,
  boss: Boss,
  collectionId: string,
  itemIds: string[],
): Promise<string[]> {
  if (!itemIds.length) return []
  const linkIds = await markHubItemsDirty(tx, collectionId, itemIds)
  for (const linkId of linkIds) await enqueuePush(tx, boss, linkId, pushPriority(itemIds.length))
  return linkIds
}

export async function enqueuePush(tx: Tx, boss: Boss, linkId: string, priority = 0) {
  await boss.send('link-push', { linkId }, { singletonKey: linkId, priority, db: txAdapter(tx) })
}
