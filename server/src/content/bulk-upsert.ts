import type { BulkItem, BulkUpsertResult } from '@bindery/shared/api/content'
import {
  type HubItem,
  type HubItemWrite,
  insertHubItems,
  lockLiveHubItemsBySlug,
  updateHubItems,
} from '../db/hub-items'
import { sameContent } from '../sync/content-hash'
import { markDirty } from '../sync/mark-dirty'
import { AppError, badRequest } from '../vocabulary/app-error'
import { type ContentAuditEntry, writeContentAudit } from './content-audit'
import { itemJson } from './content-json'
import { type ItemWriteContext, isSlugViolation, withoutNulls } from './item-write'
import { checkFieldValues, checkReferences, type FieldIssue } from './validate-fields'

/**
 * Upserts up to 1,000 items by slug, all or nothing: every item is validated first and any problem
 * answers 400 with the index of each bad item, writing nothing. Each item is the item's complete
 * content (fields left out are cleared); `status` left out keeps an existing item's status.
 * Statements are multi-row, so the cost does not grow in round trips with the batch.
 */
export async function bulkUpsert(ctx: ItemWriteContext, items: BulkItem[]): Promise<BulkUpsertResult> {
  const issues: FieldIssue[] = []
  const firstIndex = new Map<string, number>()
  const checked = items.map((item, i) => {
    const prior = firstIndex.get(item.slug)
    if (prior !== undefined) {
      issues.push({ path: `items[${i}].slug`, message: `"${item.slug}" is also items[${prior}].slug` })
    } else firstIndex.set(item.slug, i)
    const c = checkFieldValues(ctx.collection.fields, item.fields, {
      prefix: `items[${i}].fields`,
      complete: true,
    })
    issues.push(...c.issues)
    return c
  })
  issues.push(
    ...(await checkReferences(
      ctx.tx,
      checked.flatMap((c) => c.references),
    )),
  )
  if (issues.length) throw badRequest('some items are invalid; nothing was written', issues)

  const existing = new Map(
    (await lockLiveHubItemsBySlug(ctx.tx, ctx.collection.id, [...firstIndex.keys()])).map((i) => [i.slug, i]),
  )
  const creates: HubItemWrite[] = []
  const updates: (HubItemWrite & { id: string })[] = []
  const unchanged: HubItem[] = []
  items.forEach((item, i) => {
    const current = existing.get(item.slug)
    const fields = withoutNulls(checked[i]!.values)
    if (!current) {
      creates.push({ slug: item.slug, name: item.name, status: item.status ?? 'draft', fields })
      return
    }
    const next = { slug: item.slug, name: item.name, status: item.status ?? current.status, fields }
    if (sameContent(current, next)) unchanged.push(current)
    else updates.push({ ...next, id: current.id })
  })

  // Slugs were checked under row locks, but a concurrent create of the same new slug can still win.
  const created = await insertHubItems(ctx.tx, ctx.collection.id, creates).catch((err) => {
    if (!isSlugViolation(err)) throw err
    throw new AppError(409, 'conflict', 'another write created one of these slugs meanwhile: retry the batch')
  })
  const updated = await updateHubItems(ctx.tx, updates)
  await markDirty(
    ctx.tx,
    ctx.boss,
    ctx.collection.id,
    [...created, ...updated].map((i) => i.id),
  )
  const audit = (action: string, after: HubItem): ContentAuditEntry => ({
    action,
    siteId: ctx.collection.siteId,
    subjectType: 'hub_item',
    subjectId: after.id,
    before: action === 'item.update' ? itemJson(existing.get(after.slug)!) : null,
    after: itemJson(after),
  })
  await writeContentAudit(
    ctx.tx,
    ctx.correlationId,
    [...created.map((i) => audit('item.create', i)), ...updated.map((i) => audit('item.update', i))],
    ctx.actor,
  )

  const bySlug = new Map([...created, ...updated, ...unchanged].map((i) => [i.slug, i]))
  return {
    created: created.length,
    updated: updated.length,
    unchanged: unchanged.length,
    items: items.map((item) => {
      const i = bySlug.get(item.slug)!
      return { id: i.id, slug: i.slug, version: i.version }
    }),
  }
}
