import type { AuditEntryJson, ItemDetail, ItemMatch } from '@bindery/shared/api/console'
import type { AppContext } from '../context/app-context'
import { type AuditRow, listItemHistory } from '../db/audit-log'
import { hubIdsOf } from '../db/item-links'
import { getItemOfSite, type ItemLookupRow } from '../db/item-lookup'
import { getLink } from '../db/links'
import type { Queryable } from '../db/pool'
import { canonicalJson } from '../sync/content-hash'
import { fieldMemoryOf } from '../sync/field-memory'
import { hubContentOf } from '../sync/push-plan'
import { referencedWebflowIds, webflowContentOf } from '../sync/webflow-content'
import { notFound } from '../vocabulary/app-error'
import { WebflowApiError } from '../webflow/webflow-api-error'

export function toItemMatch(r: ItemLookupRow): ItemMatch {
  return {
    siteId: r.siteId,
    siteName: r.siteName,
    hubItemId: r.hubItemId,
    collection: r.collection,
    name: r.name,
    slug: r.slug,
    deleted: r.deleted,
    linkId: r.linkId,
    webflowItemId: r.webflowItemId,
    // Like the panel's item state: a synced row with unpushed changes is pending.
    state: !r.syncState ? 'not_linked' : r.syncState === 'synced' && r.dirty ? 'pending' : r.syncState,
  }
}

/**
 * One item for support: its hub values beside Webflow's, read live through the site's client (a
 * paused site is still read: the lookup changes nothing), and its link row's state and last error.
 * A Webflow side that cannot be read is reported in `webflowError`, never as a failed lookup.
 */
export async function itemDetail(ctx: AppContext, siteId: string, hubItemId: string): Promise<ItemDetail> {
  const row = await getItemOfSite(ctx.db, siteId, hubItemId)
  if (!row) throw notFound('item')
  const link = row.linkId ? await getLink(ctx.db, row.linkId) : null
  const hub = link
    ? hubContentOf(row as never, link)
    : { name: row.name, slug: row.slug, status: row.status, fields: row.fields }
  let webflow: { name: unknown; slug: unknown; status: unknown; fields: Record<string, unknown> } | null =
    null
  let webflowError: string | null = null
  if (!link || !row.webflowItemId)
    webflowError = link ? 'not created in Webflow yet' : 'collection not linked to Webflow'
  else {
    try {
      const wf = await ctx.webflow.forSite(siteId, { allowPaused: true })
      const item = await wf.getItem(link.webflowCollectionId, row.webflowItemId)
      const refs = await hubIdsOf(ctx.db, referencedWebflowIds(link, [item]))
      webflow = webflowContentOf(
        link,
        item,
        refs,
        undefined,
        await fieldMemoryOf(ctx.db, row.itemLinkId ?? undefined),
      )
    } catch (err) {
      webflowError =
        err instanceof WebflowApiError
          ? err.status === 404
            ? 'the item no longer exists in Webflow'
            : `Webflow answered ${err.status}`
          : (err as Error).message
    }
  }
  const names = [
    'name',
    'slug',
    'status',
    ...(link ? link.fieldMap.map((f) => f.hubSlug) : Object.keys(hub.fields)),
  ]
  const fields = names.map((field) => {
    const top = field === 'name' || field === 'slug' || field === 'status'
    const h = top ? hub[field as 'name'] : (hub.fields[field] ?? null)
    const w = webflow ? (top ? webflow[field as 'name'] : (webflow.fields[field] ?? null)) : null
    return { field, hub: h, webflow: w, differs: !!webflow && canonicalJson(h) !== canonicalJson(w) }
  })
  return {
    item: toItemMatch(row),
    lastPushedAt: row.lastPushedAt?.toISOString() ?? null,
    lastPulledAt: row.lastPulledAt?.toISOString() ?? null,
    lastError: row.lastError,
    webflowState: row.webflowState,
    fields,
    webflowError,
  }
}

/** The item's audit history on its site, newest first: rows about its hub id and its Webflow id. */
export async function itemHistory(
  db: Queryable,
  siteId: string,
  hubItemId: string,
  before: string | undefined,
  limit: number,
) {
  const row = await getItemOfSite(db, siteId, hubItemId)
  if (!row) throw notFound('item')
  const page = await listItemHistory(db, {
    hubItemId,
    webflowItemId: row.webflowItemId,
    siteId,
    before,
    limit,
  })
  return { entries: page.entries.map(auditJson), nextBefore: page.nextBefore }
}

export const auditJson = (r: AuditRow): AuditEntryJson => ({ ...r, at: r.at.toISOString() })
