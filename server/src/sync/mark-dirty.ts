import type { Tx } from '../db/pool'
import type { Boss } from '../jobs/boss'

/**
 * Marks hub items as needing a push on every active link that pushes their collection, and enqueues
 * one push per link in the caller's transaction: the write and its push commit or vanish together.
 * A push already queued for the link absorbs this one (the queue is stately per link).
 */
export async function markDirty(
  tx: Tx,
  boss: Boss,
  collectionId: string,
  itemIds: string[],
): Promise<string[]> {
  if (!itemIds.length) return []
  const { rows } = await tx.query<{ link_id: string }>(
    `with l as (
       select id from links
       where hub_collection_id = $1 and disconnected_at is null and direction <> 'pull-only'
     )
     insert into item_links (link_id, hub_item_id, dirty)
     select l.id, i.id, true from l, unnest($2::uuid[]) as i(id)
     on conflict (link_id, hub_item_id) do update set dirty = true,
       sync_state = case when item_links.sync_state = 'conflict' then 'conflict' else 'pending' end
     returning link_id`,
    [collectionId, itemIds],
  )
  const linkIds = [...new Set(rows.map((r) => r.link_id))]
  for (const linkId of linkIds) await enqueuePush(tx, boss, linkId)
  return linkIds
}

export async function enqueuePush(tx: Tx, boss: Boss, linkId: string) {
  await boss.send('link-push', { linkId }, { singletonKey: linkId, db: txAdapter(tx) })
}

/** Lets pg-boss write its job through our transaction's connection. */
export function txAdapter(tx: Tx) {
  return { executeSql: (text: string, values?: unknown[]) => tx.query(text, values) }
}
