import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import { appendAudit } from '../db/audit-log'
import { type DeleteHold, decideHold, getHold, insertHold, removeHeldItems } from '../db/delete-holds'
import { getHubItem, type HubItem } from '../db/hub-items'
import { getItemLinkByHubId, relinkForPush } from '../db/item-links'
import { getLink } from '../db/links'
import { inTransaction, type Tx } from '../db/pool'
import { AppError, badRequest, notFound } from '../vocabulary/app-error'
import { deleteFromHub } from './apply-delivery'
import { restoreItem } from './restore-item'

export type HoldDecision = {
  hold: DeleteHold
  applied: number
  skipped: { hubItemId: string; reason: string }[]
}

/**
 * Confirm: the held deletes happen. Hub side: the hub items are deleted now. Webflow side: the
 * push deletes them in Webflow (a confirmed hold's items are no longer counted as a mass delete).
 */
export function confirmHold(ctx: AppContext, siteId: string, id: string, by: string, hubItemIds?: string[]) {
  return decide(ctx, siteId, id, by, hubItemIds, 'confirmed', async (tx, hold) => {
    const out: HoldDecision = { hold, applied: 0, skipped: [] }
    const link = (await getLink(tx, hold.linkId))!
    if (hold.side === 'webflow') {
      if (!link.disconnectedAt) await enqueue(ctx, 'link-push', { linkId: link.id }, { tx })
      out.applied = hold.items.length
      return out
    }
    for (const item of hold.items) {
      const itemLink = await getItemLinkByHubId(tx, link.id, item.hubItemId)
      if (!itemLink) out.skipped.push({ hubItemId: item.hubItemId, reason: 'no longer linked' })
      else {
        await deleteFromHub(tx, link, itemLink)
        out.applied++
      }
    }
    return out
  })
}

/**
 * Reject: nothing is lost. Hub side (Webflow deleted the items): the hub keeps them and the push
 * creates them in Webflow again (a pull-only link keeps them in the hub, unlinked). Webflow side
 * (the hub deleted them): the tombstones are restored and stay in Webflow.
 */
export function rejectHold(ctx: AppContext, siteId: string, id: string, by: string, hubItemIds?: string[]) {
  return decide(ctx, siteId, id, by, hubItemIds, 'rejected', async (tx, hold) => {
    const out: HoldDecision = { hold, applied: 0, skipped: [] }
    for (const held of hold.items) {
      const item = await getHubItem(tx, held.hubItemId)
      if (!item) {
        out.skipped.push({ hubItemId: held.hubItemId, reason: 'no such hub item' })
        continue
      }
      if (item.deletedAt) {
        const outcome = await restoreItem(tx, ctx.boss, item)
        if ('slugTaken' in outcome) {
          out.skipped.push({ hubItemId: item.id, reason: `slug "${item.slug}" is taken by another item` })
          continue
        }
        // The item's history shows it back (and a restore to a point in time reads it so).
        if ('restored' in outcome) await auditRestored(tx, hold, outcome.restored, by)
      } else {
        await relinkForPush(tx, item.id)
      }
      out.applied++
    }
    const link = await getLink(tx, hold.linkId)
    if (link && !link.disconnectedAt && link.direction !== 'pull-only')
      await enqueue(ctx, 'link-push', { linkId: link.id }, { tx })
    return out
  })
}

/**
 * Decides a hold, or only some of its items: those move to a hold of their own (same side, source and
 * reason) that is decided, and the rest keep waiting in the original.
 */
async function decide(
  ctx: AppContext,
  siteId: string,
  holdId: string,
  by: string,
  hubItemIds: string[] | undefined,
  status: 'confirmed' | 'rejected',
  apply: (tx: Tx, hold: DeleteHold) => Promise<HoldDecision>,
): Promise<HoldDecision> {
  return inTransaction(ctx.db, async (tx) => {
    let hold = await getHold(tx, holdId, { lock: true })
    if (!hold || hold.siteId !== siteId) throw notFound('hold')
    if (hold.status !== 'held') throw new AppError(409, 'invalid_state', `the hold is already ${hold.status}`)
    const chosen = hubItemIds && new Set(hubItemIds)
    if (chosen) {
      const unknown = [...chosen].filter((i) => !hold!.items.some((h) => h.hubItemId === i))
      if (unknown.length) throw badRequest('items not in this hold', { hubItemIds: unknown })
    }
    if (chosen && chosen.size < hold.items.length) {
      await removeHeldItems(tx, hold.id, [...chosen])
      hold = await insertHold(tx, { ...hold, items: hold.items.filter((i) => chosen.has(i.hubItemId)) })
    }
    const id = hold.id
    await decideHold(tx, id, status, by)
    const out = await apply(tx, hold)
    await appendAudit(tx, [
      {
        direction: 'admin',
        action: status === 'confirmed' ? 'delete.confirm' : 'delete.reject',
        siteId,
        subjectType: 'delete_hold',
        subjectId: id,
        before: { items: hold.items },
        after: { by, applied: out.applied, skipped: out.skipped },
        correlationId: `hold:${id}`,
        actor: by,
      },
    ])
    return { ...out, hold: (await getHold(tx, id))! }
  })
}

function auditRestored(tx: Tx, hold: DeleteHold, item: HubItem, by: string) {
  return appendAudit(tx, [
    {
      direction: 'admin',
      action: 'hold.restore',
      siteId: hold.siteId,
      subjectType: 'hub_item',
      subjectId: item.id,
      before: null,
      after: { content: { name: item.name, slug: item.slug, status: item.status, fields: item.fields } },
      correlationId: `hold:${hold.id}`,
      actor: by,
    },
  ])
}
