import type { ChangeSource, SimContext } from './context.ts'
import { notFound, validationError } from './errors.ts'
import { toItem } from './serialize.ts'
import type { CollectionRec, ItemRec, ItemVariant, ItemVersion, SiteRec } from './store.ts'

export function siteOf(ctx: SimContext, c: CollectionRec): SiteRec {
  const site = ctx.store.sites.get(c.siteId)
  if (!site) throw notFound('site')
  return site
}

export function primaryLocale(site: SiteRec): string {
  return site.locales[0]?.cmsLocaleId ?? ''
}

/** The cmsLocaleId to act on: the given one (must belong to the site) or the primary locale. */
export function resolveLocale(site: SiteRec, cmsLocaleId: unknown, param = 'cmsLocaleId'): string {
  if (cmsLocaleId === undefined || cmsLocaleId === null || cmsLocaleId === '') return primaryLocale(site)
  if (typeof cmsLocaleId !== 'string' || !site.locales.some((l) => l.cmsLocaleId === cmsLocaleId)) {
    throw validationError([{ param, description: `Unknown cmsLocaleId '${String(cmsLocaleId)}'` }])
  }
  return cmsLocaleId
}

export function resolveLocales(site: SiteRec, ids: unknown, param = 'cmsLocaleIds'): string[] | null {
  if (ids === undefined || ids === null) return null
  if (!Array.isArray(ids)) throw validationError([{ param, description: 'Expected an array of ids' }])
  return ids.map((id, i) => resolveLocale(site, id, `${param}[${i}]`))
}

export function getItem(c: CollectionRec, id: unknown): ItemRec {
  const item = typeof id === 'string' ? c.items.get(id) : undefined
  if (!item) throw notFound('item')
  return item
}

export function getVariant(item: ItemRec, cmsLocaleId: string): ItemVariant {
  const variant = item.variants.get(cmsLocaleId)
  if (!variant) throw notFound('item')
  return variant
}

export function itemPayload(
  site: SiteRec,
  c: CollectionRec,
  itemId: string,
  cmsLocaleId: string,
  version: ItemVersion,
): Record<string, unknown> {
  const { id, ...rest } = toItem(itemId, cmsLocaleId, version)
  return { id, workspaceId: site.workspaceId, siteId: site.id, collectionId: c.id, ...rest }
}

/** Item payload keys as configured: the spec's isDraft/isArchived or the docs' draft/archived. */
function withItemKeys(ctx: SimContext, p: Record<string, unknown>): Record<string, unknown> {
  if (ctx.config.webhookItemKeys === 'spec') return p
  const { isDraft, isArchived, ...rest } = p
  return { ...rest, draft: isDraft, archived: isArchived }
}

/** Deleted/unpublished payloads: ids only (`webhookRemovalPayload: ids`) or the whole item. */
export function removalPayload(ctx: SimContext, p: Record<string, unknown>): Record<string, unknown> {
  if (ctx.config.webhookRemovalPayload === 'full') return withItemKeys(ctx, p)
  const { id, workspaceId, siteId, collectionId, cmsLocaleId } = p
  return { id, workspaceId, siteId, collectionId, cmsLocaleId }
}

export function emitRemoval(
  ctx: SimContext,
  site: SiteRec,
  c: CollectionRec,
  triggerType: string,
  itemId: string,
  cmsLocaleId: string,
  version: ItemVersion,
  source: ChangeSource,
): void {
  const payload = removalPayload(ctx, itemPayload(site, c, itemId, cmsLocaleId, version))
  ctx.emit({ siteId: site.id, triggerType, source, payload })
}

export function emitItem(
  ctx: SimContext,
  site: SiteRec,
  c: CollectionRec,
  triggerType: string,
  itemId: string,
  cmsLocaleId: string,
  version: ItemVersion,
  source: ChangeSource,
): void {
  ctx.emit({
    siteId: site.id,
    triggerType,
    source,
    payload: withItemKeys(ctx, itemPayload(site, c, itemId, cmsLocaleId, version)),
  })
}
