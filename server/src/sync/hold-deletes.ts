import type { AppContext } from '../context/app-context'
import { appendAudit } from '../db/audit-log'
import {
  appendHeldItems,
  type DeleteHold,
  type HeldItem,
  type HoldSide,
  type HoldSource,
  heldHubItemIds,
  insertHold,
  recentOpenHold,
} from '../db/delete-holds'
import { countLinkedItems, countRecentPulledDeletes } from '../db/item-links'
import type { Link } from '../db/links'
import type { Queryable } from '../db/pool'
import { isMassDelete } from './mass-delete'

/** Webhooks of one mass delete in Webflow arrive over minutes: deletes within this window are one run. */
export const PULL_WINDOW_MINUTES = 10

export type DeleteDecision = {
  /** Hub item ids whose delete may go ahead now. */
  allowed: Set<string>
  /** Hub item ids waiting in a hold (this run's, or an older one still open). */
  held: Set<string>
  hold?: DeleteHold
}

/**
 * Decides a run's deletes on one side of a link. Items of a confirmed hold go ahead uncounted; items
 * of an open hold keep waiting; if the link holds every delete (delete mode 'hold') or the rest is a
 * mass delete (see `isMassDelete`), all of it waits in a new hold, otherwise it goes ahead.
 */
export async function holdMassDeletes(
  db: Queryable,
  ctx: Pick<AppContext, 'config' | 'log'>,
  link: Link,
  side: HoldSide,
  source: HoldSource,
  candidates: HeldItem[],
): Promise<DeleteDecision> {
  const out: DeleteDecision = { allowed: new Set(), held: new Set() }
  if (!candidates.length) return out
  // One after the other: `db` may be a transaction's client, which runs one query at a time.
  const confirmed = await heldHubItemIds(db, link.id, 'confirmed')
  const open = await heldHubItemIds(db, link.id, 'held')
  const rest: HeldItem[] = []
  for (const c of candidates) {
    if (confirmed.has(c.hubItemId)) out.allowed.add(c.hubItemId)
    else if (open.has(c.hubItemId)) out.held.add(c.hubItemId)
    else rest.push(c)
  }
  const size = await countLinkedItems(db, link.id)
  const policy = link.deleteMode === 'hold'
  if (!rest.length || (!policy && !isMassDelete(rest.length, size, ctx.config.deleteHold))) {
    for (const c of rest) out.allowed.add(c.hubItemId)
    return out
  }
  out.hold = await insertHold(db, {
    siteId: link.siteId,
    linkId: link.id,
    side,
    source,
    items: rest,
    collectionSize: size,
    reason: policy ? 'link-policy' : 'mass-delete',
  })
  for (const c of rest) out.held.add(c.hubItemId)
  await auditHold(db, out.hold)
  ctx.log.warn(
    { link: link.id, hold: out.hold.id, side, source, items: rest.length, size },
    'mass delete held',
  )
  return out
}

/**
 * One delete pulled from Webflow. The deletes of the last `PULL_WINDOW_MINUTES` count as one run:
 * once they make a mass delete, this one and the rest of the burst wait in one hold.
 */
export async function holdPulledDelete(
  db: Queryable,
  ctx: Pick<AppContext, 'config' | 'log'>,
  link: Link,
  item: HeldItem,
): Promise<'allowed' | 'held'> {
  if ((await heldHubItemIds(db, link.id, 'confirmed')).has(item.hubItemId)) return 'allowed'
  if ((await heldHubItemIds(db, link.id, 'held')).has(item.hubItemId)) return 'held'
  if (link.deleteMode === 'hold') return holdForReview(db, ctx, link, item)
  const open = await recentOpenHold(db, link.id, 'pull', PULL_WINDOW_MINUTES)
  if (open) {
    await appendHeldItems(db, open.id, [item])
    return 'held'
  }
  const recent = await countRecentPulledDeletes(db, link.id, PULL_WINDOW_MINUTES)
  const size = (await countLinkedItems(db, link.id)) + recent
  if (!isMassDelete(recent + 1, size, ctx.config.deleteHold)) return 'allowed'
  const hold = await insertHold(db, {
    siteId: link.siteId,
    linkId: link.id,
    side: 'hub',
    source: 'pull',
    items: [item],
    collectionSize: size,
  })
  await auditHold(db, hold)
  ctx.log.warn({ link: link.id, hold: hold.id, recent }, 'mass delete from Webflow held')
  return 'held'
}

/** A link that holds every delete: the pull's deletes of a burst gather in one hold for review. */
async function holdForReview(
  db: Queryable,
  ctx: Pick<AppContext, 'log'>,
  link: Link,
  item: HeldItem,
): Promise<'held'> {
  const open = await recentOpenHold(db, link.id, 'pull', PULL_WINDOW_MINUTES, 'link-policy')
  if (open) {
    await appendHeldItems(db, open.id, [item])
    return 'held'
  }
  const hold = await insertHold(db, {
    siteId: link.siteId,
    linkId: link.id,
    side: 'hub',
    source: 'pull',
    items: [item],
    collectionSize: await countLinkedItems(db, link.id),
    reason: 'link-policy',
  })
  await auditHold(db, hold)
  ctx.log.info({ link: link.id, hold: hold.id }, 'delete from Webflow held for review')
  return 'held'
}

function auditHold(db: Queryable, hold: DeleteHold) {
  return appendAudit(db, [
    {
      direction: 'system',
      action: 'delete.hold',
      siteId: hold.siteId,
      subjectType: 'delete_hold',
      subjectId: hold.id,
      after: {
        linkId: hold.linkId,
        side: hold.side,
        source: hold.source,
        reason: hold.reason,
        items: hold.items,
      },
    },
  ])
}
