import type { PublishItemsResponse } from '@bindery/shared/webflow'
import type { ChangeSource, SimContext } from './context.ts'
import { validationError } from './errors.ts'
import { emitItem, emitRemoval, primaryLocale, resolveLocales, siteOf } from './item-common.ts'
import { isQueued, publish } from './items-state.ts'
import { iso } from './serialize.ts'
import { type CollectionRec, type SiteRec, versionSets } from './store.ts'

/**
 * POST …/items/publish with `{itemIds}` (primary locale) or `{items:[{id, cmsLocaleIds?}]}`.
 * Unknown ids are reported in `errors`, not as an HTTP error (docs/webflow.md, Publishing items).
 */
/** Whether items of the collection may go live (docs/webflow.md, New collections and the site). */
export function collectionLive(ctx: SimContext, c: CollectionRec): boolean {
  return c.published || !ctx.config.collectionNeedsSitePublish
}

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
    if (ctx.faults.config.refusePublish.includes(item.id)) {
      errors.push(`Item ${item.id} could not be published.`)
      continue
    }
    if (!collectionLive(ctx, c)) {
      errors.push(`Item ${item.id}: collection ${c.id} must be published with the site first.`)
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
      publish(variant, now, ctx.config)
      any = true
      emitItem(ctx, site, c, 'collection_item_published', item.id, locale, variant.live!, source)
    }
    if (any) published.push(item.id)
  }
  return { publishedItemIds: published, errors }
}

/** What a site publish covers: the webflow.io subdomain and/or the custom domains given by id. */
export interface PublishTarget {
  subdomain: boolean
  domainIds: string[]
}

/** A Designer publish goes everywhere. */
export const everywhere = (site: SiteRec): PublishTarget => ({
  subdomain: true,
  domainIds: site.customDomains.map((d) => d.id),
})

/**
 * A full site publish: queued items go live, archived items leave the live site, new collections go
 * live, then site_publish fires naming the domains published. Each domain keeps its own publish time
 * (docs/webflow.md, Site publish and domains). The one-per-minute limit is checked by the caller.
 */
export function publishSite(
  ctx: SimContext,
  site: SiteRec,
  source: ChangeSource,
  publishedBy: string,
  target: PublishTarget = everywhere(site),
): void {
  const now = ctx.now()
  for (const cid of site.collectionIds) {
    const c = ctx.store.collections.get(cid)
    if (!c) continue
    c.published = true
    for (const item of c.items.values()) {
      for (const variant of item.variants.values()) {
        if (variant.staged.isArchived && variant.live) {
          const wasLive = variant.live
          variant.live = null
          versionSets.revision++
          variant.staged.lastPublished = null
          const payload = { ...wasLive, isArchived: true, lastPublished: null }
          emitRemoval(
            ctx,
            site,
            c,
            'collection_item_unpublished',
            item.id,
            variant.cmsLocaleId,
            payload,
            source,
          )
        } else if (isQueued(variant)) {
          publish(variant, now, ctx.config)
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
  const domains: string[] = []
  if (target.subdomain) {
    site.subdomainPublished = now
    domains.push(`${site.shortName}.webflow.io`)
  }
  for (const domain of site.customDomains) {
    if (!target.domainIds.includes(domain.id)) continue
    domain.lastPublished = now
    domains.push(domain.url)
  }
  const payload =
    ctx.config.sitePublishPayload === 'v1'
      ? { site: site.id, publishTime: now, domains, publishedBy: { name: publishedBy } }
      : { siteId: site.id, publishedOn: iso(now), domains, publishedBy: { displayName: publishedBy } }
  ctx.emit({ siteId: site.id, triggerType: 'site_publish', source, payload })
}
