import { type AssetKind, importAsset } from './asset-import.ts'
import type { SimContext } from './context.ts'
import type { FieldError } from './errors.ts'
import { normalizeRichText } from './rich-text.ts'
import type { CollectionRec, FieldRec } from './store.ts'

// Per-type checks of fieldData values (docs/webflow.md, Field values). Each problem becomes a
// `{param: <field slug>, description}` detail of a 400 validation_error. Image and File values
// are imported (asset-import.ts); one that cannot be is skipped when `skipInvalidFiles` (default
// true) and fails the request otherwise.

const colorPattern = /^(#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})|(rgb|rgba|hsl|hsla)\([^)]*\)|[a-z]+)$/i
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const isoPattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/

function isAnyUrl(value: unknown): value is string {
  return typeof value === 'string' && URL.canParse(value)
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

type Check = { ok: true; value: unknown } | { ok: false; description: string; invalidFile?: boolean }
const ok = (value: unknown): Check => ({ ok: true, value })
const bad = (description: string): Check => ({ ok: false, description })

/** What checking a value needs besides the value: the simulator, the site, the request's flags. */
export type WriteContext = { ctx: SimContext; siteId: string; skipInvalidFiles: boolean }

function checkFile(w: WriteContext, value: unknown, kind: AssetKind): Check {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return bad('Expected an object like {"url": "https://…", "alt": "…"}')
  }
  const { url, alt, fileId } = value as Record<string, unknown>
  if (!isHttpUrl(url)) return bad('Expected "url" to be a public http(s) URL')
  if (alt !== undefined && alt !== null && typeof alt !== 'string')
    return bad('Expected "alt" to be a string')
  const result = importAsset(w.ctx, w.siteId, { url, fileId, alt: alt ?? null }, kind)
  if (result.ok) return ok(result.asset)
  return { ok: false, description: `Invalid file: ${result.reason}`, invalidFile: true }
}

function referenceExists(w: WriteContext, field: FieldRec, id: unknown): boolean {
  const store = w.ctx.store
  const target = store.collections.get(String(field.validations?.collectionId ?? ''))
  return typeof id === 'string' && target !== undefined && target.items.has(id)
}

function checkValue(w: WriteContext, field: FieldRec, value: unknown): Check {
  const linkSchemes = w.ctx.config.linkSchemes
  switch (field.type) {
    case 'RichText':
      return typeof value === 'string'
        ? ok(normalizeRichText(w.ctx, w.siteId, value))
        : bad('Expected a string')
    case 'PlainText':
    case 'Phone':
      return typeof value === 'string' ? ok(value) : bad('Expected a string')
    case 'Email':
      return typeof value === 'string' && emailPattern.test(value)
        ? ok(value)
        : bad('Expected an email address')
    case 'Link':
    case 'VideoLink':
      return isHttpUrl(value) || (linkSchemes === 'any' && isAnyUrl(value))
        ? ok(value)
        : bad('Expected a URL')
    case 'Number':
      return typeof value === 'number' && Number.isFinite(value) ? ok(value) : bad('Expected a number')
    case 'Switch':
      return typeof value === 'boolean' ? ok(value) : bad('Expected a boolean')
    case 'DateTime': {
      if (typeof value !== 'string' || !isoPattern.test(value) || Number.isNaN(Date.parse(value))) {
        return bad('Expected an ISO 8601 date')
      }
      return ok(new Date(value).toISOString())
    }
    case 'Color':
      return typeof value === 'string' && colorPattern.test(value.trim())
        ? ok(value)
        : bad('Expected a color')
    case 'Image':
    case 'File':
      return checkFile(w, value, field.type === 'Image' ? 'image' : 'file')
    case 'MultiImage': {
      if (!Array.isArray(value)) return bad('Expected an array of images')
      const out: unknown[] = []
      for (const entry of value) {
        const c = checkFile(w, entry, 'image')
        if (c.ok) out.push(c.value)
        else if (!(c.invalidFile && w.skipInvalidFiles)) return c
      }
      return ok(out)
    }
    case 'Option': {
      const options = (field.validations?.options ?? []) as { id: string }[]
      return options.some((o) => o.id === value) ? ok(value) : bad(`Unknown option id '${String(value)}'`)
    }
    case 'Reference':
      return referenceExists(w, field, value)
        ? ok(value)
        : bad(`Referenced item not found: '${String(value)}'`)
    case 'MultiReference': {
      if (!Array.isArray(value)) return bad('Expected an array of item ids')
      const missing = value.find((id) => !referenceExists(w, field, id))
      return missing === undefined ? ok([...value]) : bad(`Referenced item not found: '${String(missing)}'`)
    }
    default:
      // Unknown or read-only types (User, ExtFileRef…): stored as given.
      return ok(value)
  }
}

export interface FieldDataResult {
  values: Record<string, unknown>
  errors: FieldError[]
}

/**
 * Validates fieldData against the collection schema. `creating` also demands required fields.
 * name and slug are checked by the caller's slug logic except for their types.
 */
export function checkFieldData(
  w: WriteContext,
  c: CollectionRec,
  fieldData: unknown,
  creating: boolean,
  paramPrefix = '',
): FieldDataResult {
  const errors: FieldError[] = []
  const values: Record<string, unknown> = {}
  if (fieldData === undefined && !creating) return { values, errors }
  if (typeof fieldData !== 'object' || fieldData === null || Array.isArray(fieldData)) {
    return { values, errors: [{ param: `${paramPrefix}fieldData`, description: 'Expected an object' }] }
  }
  const bySlug = new Map(c.fields.map((f) => [f.slug, f]))
  for (const [slug, value] of Object.entries(fieldData)) {
    if (slug.startsWith('_')) continue // system keys such as _locale, _noSearch
    const field = bySlug.get(slug)
    if (!field) {
      errors.push({ param: paramPrefix + slug, description: `Field not described in schema: '${slug}'` })
      continue
    }
    if (value === null || value === '') {
      // Clearing a value; how Webflow clears is [unconfirmed], we store null.
      if (field.isRequired) errors.push({ param: paramPrefix + slug, description: 'Field is required' })
      else values[slug] = null
      continue
    }
    const result = checkValue(w, field, value)
    if (result.ok) values[slug] = result.value
    else if (result.invalidFile && w.skipInvalidFiles) {
      // Dropped from the item without a word (docs/webflow.md "Images and files").
      if (creating || w.ctx.config.skippedFileOnUpdate === 'clear') values[slug] = null
    } else errors.push({ param: paramPrefix + slug, description: result.description })
  }
  if (creating) {
    for (const field of c.fields) {
      if (field.isRequired && field.slug !== 'slug' && values[field.slug] === undefined) {
        if (!errors.some((e) => e.param === paramPrefix + field.slug)) {
          errors.push({ param: paramPrefix + field.slug, description: 'Field is required' })
        }
      }
    }
  }
  return { values, errors }
}
