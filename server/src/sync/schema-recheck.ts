import type { CollectionItem } from '@bindery/shared/webflow'
import type { Link } from '../db/links'
import type { Queryable } from '../db/pool'
import { webflowForSite } from '../install/site-client'
import type { JobContext } from '../jobs/job-context'
import { checkedSince, checkLinkSchema } from '../reconcile/schema-check'
import type { WebflowApi } from '../webflow/webflow-client'
import type { FieldMapEntry } from './field-map'

/**
 * After Webflow refused items for a schema reason (a deleted field, a new required one, an unknown
 * Option): reads the schema, unless it was just read, and when the field map changed sends the
 * refused items again through the new map.
 */
export async function recheckSchema(ctx: JobContext, wf: WebflowApi, link: Link, since: Date): Promise<void> {
  // A check since the refused request started saw the schema that refused it.
  if (await checkedSince(ctx.db, link.id, since)) return
  const { link: after } = await checkLinkSchema(ctx.db, wf, link)
  if (JSON.stringify(after.fieldMap) === JSON.stringify(link.fieldMap)) return
  await ctx.db.query(
    `update item_links set dirty = true, sync_state = 'pending', last_error = null
     where link_id = $1 and sync_state = 'failed'`,
    [link.id],
  )
  await ctx.boss.send('link-push', { linkId: link.id }, { singletonKey: link.id, startAfter: 1 })
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
 * A Webflow item holds an Option added in the Designer since the last check: read the schema, so
 * the value reaches the hub as its name instead of being dropped (and later pushed back as null).
 * An Option is created before an item can hold it, so a check newer than the item's last edit has
 * seen it if it exists: the id is dead (removed in Webflow), and is not worth another request.
 */
export async function learnOptions(db: Queryable, ctx: JobContext, link: Link, item: CollectionItem) {
  if (!unknownOptions(link.fieldMap, item).length) return link
  if (await checkedSince(db, link.id, new Date(item.lastUpdated))) return link
  const wf = await webflowForSite(ctx.db, ctx.config, link.siteId, ctx)
  return (await checkLinkSchema(db, wf, link)).link
}
