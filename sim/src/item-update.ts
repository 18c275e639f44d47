import type { CollectionItem } from '@bindery/shared/webflow'
import type { ChangeSource, SimContext } from './context.ts'
import { collectionNotLive, type FieldError, neverPublishedConflict, validationError } from './errors.ts'
import { checkFieldData } from './field-values.ts'
import { emitItem, getItem, getVariant, resolveLocale, siteOf } from './item-common.ts'
import { collectionLive } from './item-publish.ts'
import { type ItemPatch, liveUpdate, stagedUpdate } from './items-state.ts'
import { toItem } from './serialize.ts'
import { checkSlugSyntax, claimSlug, normalizeSlug, releaseSlug, resolveSlug, slugKey } from './slugs.ts'
import type { CollectionRec, ItemVariant } from './store.ts'

export interface UpdateOptions {
  live: boolean
  source: ChangeSource
  multi: boolean
  /** Query `skipInvalidFiles` (default true): drop a file Webflow cannot import instead of failing. */
  skipInvalidFiles?: boolean
}

interface Planned {
  itemId: string
  variant: ItemVariant
  patch: ItemPatch
}

/** Partial updates (docs/webflow.md, Item states); all patches are checked before any is applied. */
export function updateItems(
  ctx: SimContext,
  c: CollectionRec,
  inputs: unknown[],
  opts: UpdateOptions,
): CollectionItem[] {
  const site = siteOf(ctx, c)
  if (opts.live && !collectionLive(ctx, c)) throw collectionNotLive(c)
  const files = { ctx, siteId: site.id, skipInvalidFiles: opts.skipInvalidFiles ?? true }
  const errors: FieldError[] = []
  const reserved = new Set<string>()
  const planned: Planned[] = []
  inputs.forEach((raw, i) => {
    const itemPrefix = opts.multi ? `items[${i}].` : ''
    const fieldPrefix = opts.multi ? `items[${i}].fieldData.` : ''
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      errors.push({ param: opts.multi ? `items[${i}]` : 'body', description: 'Expected an object' })
      return
    }
    const input = raw as Record<string, unknown>
    const item = getItem(c, input.id)
    const variant = getVariant(item, resolveLocale(site, input.cmsLocaleId, `${itemPrefix}cmsLocaleId`))
    if (opts.live && variant.live === null) throw neverPublishedConflict()
    const patch: ItemPatch = {}
    for (const key of ['isDraft', 'isArchived'] as const) {
      if (input[key] === undefined || input[key] === null) continue
      if (typeof input[key] !== 'boolean')
        errors.push({ param: itemPrefix + key, description: 'Expected a boolean' })
      else patch[key] = input[key]
    }
    const { values, errors: fieldErrors } = checkFieldData(files, c, input.fieldData, false, fieldPrefix)
    errors.push(...fieldErrors)
    const rawSlug = (input.fieldData as Record<string, unknown> | undefined)?.slug
    if (typeof rawSlug === 'string') {
      const slug = normalizeSlug(rawSlug)
      const syntax = checkSlugSyntax(slug, `${fieldPrefix}slug`)
      if (syntax) errors.push(syntax)
      else {
        const r = resolveSlug(c, variant.cmsLocaleId, slug, item.id, ctx.config.duplicateSlug, reserved)
        if ('error' in r) errors.push({ param: `${fieldPrefix}slug`, description: r.error.description })
        else {
          reserved.add(slugKey(variant.cmsLocaleId, r.slug))
          values.slug = r.slug
        }
      }
    }
    if (Object.keys(values).length > 0) patch.fieldData = values
    planned.push({ itemId: item.id, variant, patch })
  })
  if (errors.length > 0) throw validationError(errors)

  const now = ctx.now()
  return planned.map(({ itemId, variant, patch }) => {
    const oldSlug = variant.staged.fieldData.slug as string
    if (opts.live) liveUpdate(variant, patch, now, ctx.config)
    else stagedUpdate(variant, patch, now, ctx.config)
    const newSlug = variant.staged.fieldData.slug as string
    if (newSlug !== oldSlug) {
      releaseSlug(c, variant.cmsLocaleId, oldSlug, itemId)
      claimSlug(c, variant.cmsLocaleId, newSlug, itemId)
    }
    emitItem(
      ctx,
      site,
      c,
      'collection_item_changed',
      itemId,
      variant.cmsLocaleId,
      variant.staged,
      opts.source,
    )
    if (opts.live && variant.live) {
      emitItem(
        ctx,
        site,
        c,
        'collection_item_published',
        itemId,
        variant.cmsLocaleId,
        variant.live,
        opts.source,
      )
    }
    c.lastUpdated = now
    return toItem(itemId, variant.cmsLocaleId, variant.staged)
  })
}
