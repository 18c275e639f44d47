import type { Boss } from '../context/boss'
import { enqueue } from '../context/enqueue'
import { pushPriority } from '../context/lanes'
import { markHubItemsDirty } from '../db/item-links'
import type { Tx } from '../db/pool'

/**
 * Marks hub items as needing a push on every active link that pushes their collection, and enqueues
 * one push per link in the caller's transaction: the write and its push commit or vanish together.
 * A push already queued for the link absorbs this one (the queue is stately per link). An edit of a
 * few items goes in the edit lane (context/lanes.ts).
 */
export async function markDirty(
  tx: Tx,
  boss: Boss,
  collectionId: string,
  itemIds: string[],
): Promise<string[]> {
  if (!itemIds.length) return []
  const linkIds = await markHubItemsDirty(tx, collectionId, itemIds)
  const priority = pushPriority(itemIds.length)
  for (const linkId of linkIds) await enqueue({ boss }, 'link-push', { linkId }, { tx, priority })
  return linkIds
}
