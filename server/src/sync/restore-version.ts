import type {
  RestoreCollectionResult,
  RestoreVersionRequest,
  RestoreVersionResult,
} from '@bindery/shared/api/history'
import type { AppContext } from '../context/app-context'
import { type AuditEntry, appendAudit, getAuditRow, itemStatesAt } from '../db/audit-log'
import {
  getHubItem,
  getHubItemBySlug,
  type HubItem,
  lockCollectionItems,
  softDeleteHubItem,
  updateHubItem,
} from '../db/hub-items'
import { getItemLinkOnSite } from '../db/item-links'
import { getLink, type Link } from '../db/links'
import { inTransaction, type Tx } from '../db/pool'
import { AppError, badRequest, notFound } from '../vocabulary/app-error'
import type { HubContent } from '../vocabulary/hub-content'
import { restoredContent, stateAfter } from './item-versions'
import { markDirty } from './mark-dirty'
import { restoreItem } from './restore-item'

const BUILT_IN = ['name', 'slug', 'status']
const contentOf = (i: HubItem): HubContent => ({
  name: i.name,
  slug: i.slug,
  status: i.status,
  fields: i.fields,
})

/**
 * "Restore this version": the hub item (by the Webflow item the canvas shows) takes the state it had
 * after one change of its history, whole or for some fields; the push then brings Webflow along. A
 * deleted item comes back first (its Webflow item adopted by slug when still there).
 */
export async function restoreVersion(
  ctx: AppContext,
  siteId: string,
  webflowItemId: string,
  req: RestoreVersionRequest,
  actor: string,
): Promise<RestoreVersionResult> {
  return inTransaction(ctx.db, async (tx) => {
    const found = await getItemLinkOnSite(tx, siteId, webflowItemId)
    if (!found) throw notFound('linked item')
    const link = (await getLink(tx, found.linkId))!
    let item = await getHubItem(tx, found.hubItemId)
    if (!item) throw notFound('hub item')
    const row = await getAuditRow(tx, req.entryId, { type: 'hub_item', id: item.id })
    if (!row) throw notFound('history entry of this item')
    const state = stateAfter(row)
    if (!state || !('content' in state))
      throw badRequest('this entry does not hold a version of the item to restore')
    const mapped = link.fieldMap.map((f) => f.hubSlug)
    const known = state.covers === 'all' ? null : new Set([...BUILT_IN, ...mapped])
    const outside = (req.fields ?? []).filter(
      (f) => !(BUILT_IN.includes(f) || f in state.content.fields || f in item!.fields || known?.has(f)),
    )
    if (outside.length || (known && (req.fields ?? []).some((f) => !known.has(f))))
      throw badRequest('fields this version does not hold', { fields: req.fields })
    if (item.deletedAt) item = await undelete(tx, ctx, item)
    const { content, changed } = restoredContent(contentOf(item), state, mapped, req.fields)
    let version = item.version
    if (changed.length) {
      version = await write(tx, item, content)
      await markDirty(tx, ctx.boss, item.collectionId, [item.id])
    }
    await appendAudit(tx, [audit(link, item, content, actor, { entryId: req.entryId, fields: req.fields })])
    return {
      hubItemId: item.id,
      version,
      restored: changed,
      pushQueued: changed.length > 0 && link.direction !== 'pull-only',
    }
  })
}

/**
 * A linked collection back to a point in time, hub-side, then pushed: each item takes its state at
 * `at` from its history. Changed items are updated in place (their Webflow items keep their ids);
 * items deleted since come back; items created since are deleted (per the link's delete mode).
 */
export async function restoreCollection(
  ctx: AppContext,
  link: Link,
  at: Date,
  actor: string,
): Promise<RestoreCollectionResult> {
  if (at.getTime() > Date.now()) throw badRequest('the point in time is in the future')
  return inTransaction(ctx.db, async (tx) => {
    const items = await lockCollectionItems(tx, link.hubCollectionId)
    const states = await itemStatesAt(
      tx,
      items.map((i) => i.id),
      at,
    )
    const out: RestoreCollectionResult = {
      linkId: link.id,
      at: at.toISOString(),
      changed: 0,
      undeleted: 0,
      deleted: 0,
      unchanged: 0,
      skipped: [],
    }
    const dirty: string[] = []
    const audits: AuditEntry[] = []
    const mapped = link.fieldMap.map((f) => f.hubSlug)
    for (let item of items) {
      const row = states.get(item.id)
      const state = row ? stateAfter(row) : item.createdAt > at ? { deleted: true as const } : undefined
      if (state === undefined) {
        out.unchanged++
        continue
      }
      if (!state) {
        out.skipped.push({ hubItemId: item.id, reason: `its state at that time is unknown (${row!.action})` })
        continue
      }
      if ('deleted' in state) {
        if (item.deletedAt) out.unchanged++
        else {
          await softDeleteHubItem(tx, item.id)
          dirty.push(item.id)
          audits.push(audit(link, item, null, actor, { at: at.toISOString() }))
          out.deleted++
        }
        continue
      }
      const wasDeleted = !!item.deletedAt
      if (wasDeleted) {
        try {
          item = await undelete(tx, ctx, item)
        } catch (err) {
          if (!(err instanceof AppError)) throw err
          out.skipped.push({ hubItemId: item.id, reason: err.message })
          continue
        }
        out.undeleted++
      }
      const { content, changed } = restoredContent(contentOf(item), state, mapped)
      if (!changed.length) {
        if (!wasDeleted) out.unchanged++
        continue
      }
      try {
        await write(tx, item, content)
      } catch (err) {
        if (!(err instanceof AppError)) throw err
        out.skipped.push({ hubItemId: item.id, reason: err.message })
        continue
      }
      dirty.push(item.id)
      audits.push(audit(link, item, content, actor, { at: at.toISOString() }))
      if (!wasDeleted) out.changed++
    }
    await markDirty(tx, ctx.boss, link.hubCollectionId, dirty)
    await appendAudit(tx, audits)
    return out
  })
}

async function undelete(tx: Tx, ctx: AppContext, item: HubItem): Promise<HubItem> {
  const outcome = await restoreItem(tx, ctx.boss, item)
  if ('slugTaken' in outcome)
    throw new AppError(
      409,
      'conflict',
      `another item has the slug "${outcome.slugTaken}" now: rename it first`,
    )
  if ('notDeleted' in outcome) return item
  return outcome.restored
}

async function write(tx: Tx, item: HubItem, content: HubContent): Promise<number> {
  if (content.slug !== item.slug) {
    const other = await getHubItemBySlug(tx, item.collectionId, content.slug)
    if (other && other.id !== item.id)
      throw new AppError(409, 'conflict', `another item has the slug "${content.slug}" now: rename it first`)
  }
  const updated = await updateHubItem(tx, item.id, content)
  if (!updated) throw new AppError(409, 'conflict', 'the item changed meanwhile; try again')
  return updated.version
}

function audit(
  link: Link,
  item: HubItem,
  content: HubContent | null,
  actor: string,
  extra: object,
): AuditEntry {
  return {
    direction: 'admin',
    action: content ? 'item.restore_version' : 'item.delete',
    siteId: link.siteId,
    subjectType: 'hub_item',
    subjectId: item.id,
    before: contentOf(item),
    after: content ? { content, ...extra } : null,
    actor,
  }
}
