import type { PublishItemsResponse } from '@bindery/shared/webflow'
import type { ChangeSource, SimContext } from './context.ts'
import { validationError } from './errors.ts'
import { emitItem, primaryLocale, resolveLocales, siteOf } from './item-common.ts'
import { isQueued, publish } from './items-state.ts'
import { iso } from './serialize.ts'
import type { CollectionRec, SiteRec } from './store.ts'

/**
 * POST …/items/publish with `{itemIds}` (primary locale) or `{items:[{id, cmsLocaleIds?}]}`.
 * Unknown ids are reported in `errors`, not as an HTTP error (docs/webflow.md, Publishing items).
 */
export function publishItems(
  ctx: SimContext,
  c: CollectionRec,
  body: Record<string, unknown>,
  source: ChangeSource,
): PublishItemsResponse {
  const site = siteOf(ctx, c)
  let refs: { id: unknown; cmsLocaleIds?: unknown }[]
  if (Array.isArray(body.itemIds)) refs = body.itemIds.map((id) => ({ id }))
  else if (Array.isArray(body.items)) refs = body.items as typeof refs
  else throw validationError([{ param: 'itemIds', description: 'Provide itemIds or items' }])
  if (refs.length > 100) throw validationError([{ param: 'itemIds', description: 'At most 100 items' }])
  const now = ctx.now()
  const published: string[] = []
  const errors: string[] = []
  for (const ref of refs) {
    const item = typeof ref?.id === 'string' ? c.items.get(ref.id) : undefined
    if (!item) {
      errors.push(`Staging item ID ${String(ref?.id)} not found.`)
      continue
    }
    const locales = resolveLocales(site, ref.cmsLocaleIds) ?? [primaryLocale(site)]
    let any = false
    for (const locale of locales) {
      const variant = item.variants.get(locale)
      if (!variant) {
        errors.push(`Staging item ID ${item.id} not found in locale ${locale}.`)
        continue
      }
      publish(variant, now)
      any = true
      emitItem(ctx, site, c, 'collection_item_published', item.id, locale, variant.live!, source)
    }
    if (any) published.push(item.id)
  }
  return { publishedItemIds: published, errors }
}

export function siteDomains(site: SiteRec): string[] {
  return [`${site.shortName}.webflow.io`, ...site.customDomains.map((d) => d.url)]
}

/**
 * A full site publish: queued items go live, archived items leave the live site, then
 * site_publish fires. The one-per-minute limit is checked by the caller.
 */
export function publishSite(ctx: SimContext, site: SiteRec, source: ChangeSource, publishedBy: string): void {
  const now = ctx.now()
  for (const cid of site.collectionIds) {
    const c = ctx.store.collections.get(cid)
    if (!c) continue
    for (const item of c.items.values()) {
      for (const variant of item.variants.values()) {
        if (variant.staged.isArchived && variant.live) {
          const wasLive = variant.live
          variant.live = null
          variant.staged.lastPublished = null
          const payload = { ...wasLive, isArchived: true, lastPublished: null }
          emitItem(ctx, site, c, 'collection_item_unpublished', item.id, variant.cmsLocaleId, payload, source)
        } else if (isQueued(variant)) {
          publish(variant, now)
          emitItem(
            ctx,
            site,
            c,
            'collection_item_published',
            item.id,
            variant.cmsLocaleId,
            variant.live!,
            source,
          )
        }
      }
    }
  }
  site.lastPublished = now
  for (const domain of site.customDomains) domain.lastPublished = now
  ctx.emit({
    siteId: site.id,
    triggerType: 'site_publish',
    source,
    payload: {
      siteId: site.id,
      publishedOn: iso(now),
      domains: siteDomains(site),
      publishedBy: { displayName: publishedBy },
    },
  })
}
