import type { CollectionItem } from '@bindery/shared/webflow'
import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import { retryFailed } from '../db/item-links'
import type { Link } from '../db/links'
import { inTransaction, type Queryable } from '../db/pool'
import type { FieldMapEntry, HubContent } from '../vocabulary/hub-content'
import type { WebflowApi } from '../webflow/webflow-client'
import { checkedSince, checkLinkSchema } from './check-link-schema'

/**
 * After Webflow refused items for a schema reason (a deleted field, a new required one, an unknown
 * Option): reads the schema, unless it was just read, and when the field map changed sends the
 * refused items again through the new map.
 */
export async function recheckSchema(ctx: AppContext, wf: WebflowApi, link: Link, since: Date): Promise<void> {
  // A check since the refused request started saw the schema that refused it.
  if (await checkedSince(ctx.db, link.id, since)) return
  const { link: after } = await checkLinkSchema(ctx.db, wf, link)
  if (JSON.stringify(after.fieldMap) === JSON.stringify(link.fieldMap)) return
  await inTransaction(ctx.db, async (tx) => {
    await retryFailed(tx, link.id)
    await enqueue(ctx, 'link-push', { linkId: link.id }, { tx, startAfter: 1 })
  })
}

/** Select fields whose Webflow value is an Option id the field map does not know. */
export function unknownOptions(map: FieldMapEntry[], item: CollectionItem): FieldMapEntry[] {
  const data = item.fieldData as Record<string, unknown>
  return map.filter((f) => {
    const v = data[f.webflowSlug]
    return (
      f.type === 'select' && typeof v === 'string' && v !== '' && !Object.values(f.options ?? {}).includes(v)
    )
  })
}

/**
 * Whether an incoming Webflow item may mean the schema changed under the link: it holds an Option
 * the field map does not know, or lacks a value the last sync had (a field deleted in the Designer
 * looks exactly like a cleared value).
 */
export function schemaSuspect(
  map: FieldMapEntry[],
  item: CollectionItem,
  base: HubContent | null | undefined,
) {
  if (unknownOptions(map, item).length) return true
  const data = item.fieldData as Record<string, unknown>
  return map.some((f) => base?.fields[f.hubSlug] != null && data[f.webflowSlug] == null)
}

/**
 * Reads the schema before such an item is applied, so a new Option reaches the hub as its name and a
 * deleted field is unmapped instead of being taken for cleared (and its hub values lost). The
 * schema changes before an item can show it, so a check newer than the item's last edit has seen
 * the change if there was one: no request then.
 */
export async function learnSchema(
  db: Queryable,
  ctx: AppContext,
  link: Link,
  item: CollectionItem,
  base: HubContent | null | undefined,
) {
  if (!schemaSuspect(link.fieldMap, item, base)) return link
  if (await checkedSince(db, link.id, new Date(item.lastUpdated))) return link
  const wf = await ctx.webflow.forSite(link.siteId)
  return (await checkLinkSchema(db, wf, link)).link
}
