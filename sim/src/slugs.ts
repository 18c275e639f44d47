import type { FieldError } from './errors.ts'
import type { CollectionRec } from './store.ts'

const validSlug = /^[a-z0-9_][a-z0-9_-]*$/

/** Webflow lower-cases slugs and turns spaces into '-'; anything else outside [a-z0-9_-] is rejected. */
export function normalizeSlug(raw: string): string {
  return raw.trim().toLowerCase().replace(/\s+/g, '-')
}

/** A slug derived from free text (collection names, autoSlug): invalid characters are dropped. */
export function slugify(text: string): string {
  const slug = normalizeSlug(text)
    .normalize('NFKD')
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
  return slug || 'item'
}

export function checkSlugSyntax(slug: string, param = 'slug'): FieldError | null {
  if (slug.length === 0) return { param, description: 'Field is required' }
  if (slug.length > 256) return { param, description: 'Must be at most 256 characters' }
  if (!validSlug.test(slug)) {
    return { param, description: `Invalid slug '${slug}': use lowercase letters, numbers, '-' and '_'` }
  }
  return null
}

const key = (cmsLocaleId: string, slug: string) => `${cmsLocaleId}/${slug}`

export function slugOwner(c: CollectionRec, cmsLocaleId: string, slug: string): string | undefined {
  return c.slugs.get(key(cmsLocaleId, slug))
}

/**
 * Resolves a wanted slug for an item: 'error' mode reports the duplicate as Webflow documents it,
 * 'suffix' mode appends -2, -3… as observed in the wild.
 */
export function resolveSlug(
  c: CollectionRec,
  cmsLocaleId: string,
  slug: string,
  itemId: string,
  mode: 'error' | 'suffix',
  reserved: Set<string>,
): { slug: string } | { error: FieldError } {
  const taken = (s: string) => {
    const owner = slugOwner(c, cmsLocaleId, s)
    return (owner !== undefined && owner !== itemId) || reserved.has(key(cmsLocaleId, s))
  }
  if (!taken(slug)) return { slug }
  if (mode === 'error') {
    return { error: { param: 'slug', description: `Unique value is already in database: '${slug}'` } }
  }
  for (let n = 2; ; n++) {
    const candidate = `${slug}-${n}`
    if (!taken(candidate)) return { slug: candidate }
  }
}

export function claimSlug(c: CollectionRec, cmsLocaleId: string, slug: string, itemId: string): void {
  c.slugs.set(key(cmsLocaleId, slug), itemId)
}

export function releaseSlug(c: CollectionRec, cmsLocaleId: string, slug: string, itemId: string): void {
  if (c.slugs.get(key(cmsLocaleId, slug)) === itemId) c.slugs.delete(key(cmsLocaleId, slug))
}

export const slugKey = key
