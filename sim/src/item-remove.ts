import type { ChangeSource, SimContext } from './context.ts'
import { notFound } from './errors.ts'
import { emitRemoval, getItem, getVariant, primaryLocale, resolveLocales, siteOf } from './item-common.ts'
import { unpublish } from './items-state.ts'
import { releaseSlug } from './slugs.ts'
import { type CollectionRec, versionSets } from './store.ts'

export interface ItemRef {
  id: unknown
  cmsLocaleIds?: unknown
}

/**
 * Deletes items. With cmsLocaleIds only those variants go; without, the whole item (all locales)
 * goes — deleting a primary-locale item in the Designer removes its translations too. [unconfirmed]
 */
export function deleteItems(
  ctx: SimContext,
  c: CollectionRec,
  refs: ItemRef[],
  source: ChangeSource,
  bulk = false,
): void {
  const site = siteOf(ctx, c)
  const skip = bulk && ctx.config.bulkMissingIds === 'skip'
  const planned = refs.flatMap((ref) => {
    if (skip && (typeof ref.id !== 'string' || !c.items.has(ref.id))) return []
    const item = getItem(c, ref.id)
    const locales = resolveLocales(site, ref.cmsLocaleIds) ?? [...item.variants.keys()]
    for (const locale of locales) getVariant(item, locale)
    return [{ item, locales }]
  })
  for (const { item, locales } of planned) {
    for (const locale of locales) {
      const variant = item.variants.get(locale)
      if (!variant) continue
      item.variants.delete(locale)
      versionSets.revision++
      releaseSlug(c, locale, variant.staged.fieldData.slug as string, item.id)
      emitRemoval(ctx, site, c, 'collection_item_deleted', item.id, locale, variant.staged, source)
    }
    if (item.variants.size === 0 && c.items.delete(item.id)) site.itemCount--
  }
  c.lastUpdated = ctx.now()
}

/**
 * Unpublishes (DELETE …/live): removes the live copy, isDraft true, lastPublished null.
 * Without cmsLocaleIds only the primary locale is touched (docs/webflow.md, Locales).
 * A variant that is not live answers 404, like GET …/live does; a bulk request under
 * `bulkMissingIds: skip` leaves missing and not-live ids out instead (docs/webflow.md, Multi-item writes).
 */
export function unpublishItems(
  ctx: SimContext,
  c: CollectionRec,
  refs: ItemRef[],
  source: ChangeSource,
  bulk = false,
): void {
  const site = siteOf(ctx, c)
  const skip = bulk && ctx.config.bulkMissingIds === 'skip'
  const planned = refs.flatMap((ref) => {
    if (skip && (typeof ref.id !== 'string' || !c.items.has(ref.id))) return []
    const item = getItem(c, ref.id)
    const locales = resolveLocales(site, ref.cmsLocaleIds) ?? [primaryLocale(site)]
    return locales.flatMap((locale) => {
      const variant = getVariant(item, locale)
      if (!variant.live && skip) return []
      if (!variant.live) throw notFound('live item')
      return [{ itemId: item.id, variant }]
    })
  })
  const now = ctx.now()
  for (const { itemId, variant } of planned) {
    const wasLive = variant.live
    unpublish(variant, now)
    if (wasLive) {
      const payload = { ...wasLive, isDraft: true, lastPublished: null, lastUpdated: now }
      emitRemoval(ctx, site, c, 'collection_item_unpublished', itemId, variant.cmsLocaleId, payload, source)
    }
  }
}
