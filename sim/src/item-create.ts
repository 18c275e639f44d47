import type { CollectionItem } from '@bindery/shared/webflow'
import type { ChangeSource, SimContext } from './context.ts'
import { collectionNotLive, conflict, type FieldError, validationError } from './errors.ts'
import { checkFieldData } from './field-values.ts'
import { newId } from './ids.ts'
import { emitItem, resolveLocale, siteOf } from './item-common.ts'
import { collectionLive } from './item-publish.ts'
import { newVariant } from './items-state.ts'
import { planItemCap } from './plans.ts'
import { toItem } from './serialize.ts'
import { checkSlugSyntax, claimSlug, normalizeSlug, resolveSlug, slugify, slugKey } from './slugs.ts'
import { type CollectionRec, type ItemRec, versionSets } from './store.ts'

export interface CreateOptions {
  live: boolean
  source: ChangeSource
  /** Multi-item request: error params are prefixed with `items[i].fieldData.`. */
  multi: boolean
  /** Query `skipInvalidFiles` (default true): drop a file Webflow cannot import instead of failing. */
  skipInvalidFiles?: boolean
  /** /items/bulk: every item is created in each of these locales, sharing one id. */
  bulkLocales?: string[] | null
}

interface Planned {
  locales: string[]
  values: Record<string, unknown>
  slugs: string[]
  isDraft?: boolean
  isArchived?: boolean
}

function flag(input: Record<string, unknown>, key: string, prefix: string, errors: FieldError[]) {
  const value = input[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'boolean') errors.push({ param: prefix + key, description: 'Expected a boolean' })
  return value as boolean
}

/**
 * Creates items. The whole request is validated first and fails as one 400 naming every bad
 * item and field (`items[3].fieldData.slug`); the reference is silent on partial success.
 */
export function createItems(
  ctx: SimContext,
  c: CollectionRec,
  inputs: unknown[],
  opts: CreateOptions,
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
    const locales = opts.bulkLocales ?? [resolveLocale(site, input.cmsLocaleId, `${itemPrefix}cmsLocaleId`)]
    const isDraft = flag(input, 'isDraft', itemPrefix, errors)
    const isArchived = flag(input, 'isArchived', itemPrefix, errors)
    const { values, errors: fieldErrors } = checkFieldData(files, c, input.fieldData, true, fieldPrefix)
    errors.push(...fieldErrors)
    const rawSlug = (input.fieldData as Record<string, unknown> | undefined)?.slug
    let slug: string | null = null
    if (typeof rawSlug === 'string' && rawSlug !== '') slug = normalizeSlug(rawSlug)
    else if (ctx.config.autoSlug && typeof values.name === 'string') slug = slugify(values.name)
    else if (!fieldErrors.some((e) => e.param === `${fieldPrefix}slug`)) {
      errors.push({ param: `${fieldPrefix}slug`, description: 'Field is required' })
    }
    if (slug === null) return
    const syntax = checkSlugSyntax(slug, `${fieldPrefix}slug`)
    if (syntax) {
      errors.push(syntax)
      return
    }
    const slugs: string[] = []
    for (const locale of locales) {
      const r = resolveSlug(c, locale, slug, '', ctx.config.duplicateSlug, reserved)
      if ('error' in r) {
        errors.push({ param: `${fieldPrefix}slug`, description: r.error.description })
        return
      }
      reserved.add(slugKey(locale, r.slug))
      slugs.push(r.slug)
    }
    planned.push({ locales, values, slugs, isDraft, isArchived })
  })
  if (errors.length > 0) throw validationError(errors)

  const cap = planItemCap(site.plan)
  if (ctx.config.itemCaps && site.itemCount + planned.length > cap) {
    // [unconfirmed] Webflow's answer at the plan limit is undocumented; 409 keeps it apart from slug 400s.
    throw conflict(`Conflict: Item limit reached: the ${site.plan} plan allows ${cap} CMS items per site`)
  }

  const now = ctx.now()
  const out: CollectionItem[] = []
  for (const p of planned) {
    const item: ItemRec = { id: newId(), collectionId: c.id, variants: new Map() }
    p.locales.forEach((locale, j) => {
      const slug = p.slugs[j] as string
      const fieldData = { ...p.values, slug }
      const variant = newVariant(locale, fieldData, p, now, opts.live, ctx.config)
      item.variants.set(locale, variant)
      claimSlug(c, locale, slug, item.id)
      out.push(toItem(item.id, locale, variant.staged))
    })
    c.items.set(item.id, item)
    versionSets.revision++
    site.itemCount++
    for (const variant of item.variants.values()) {
      emitItem(
        ctx,
        site,
        c,
        'collection_item_created',
        item.id,
        variant.cmsLocaleId,
        variant.staged,
        opts.source,
      )
      if (variant.live) {
        emitItem(
          ctx,
          site,
          c,
          'collection_item_published',
          item.id,
          variant.cmsLocaleId,
          variant.live,
          opts.source,
        )
      }
    }
  }
  c.lastUpdated = now
  return out
}
