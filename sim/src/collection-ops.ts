import type { SimContext } from './context.ts'
import { conflict, type FieldError, validationError } from './errors.ts'
import { newId } from './ids.ts'
import { slugify } from './slugs.ts'
import type { CollectionRec, FieldRec, SiteRec } from './store.ts'

// Collection and field schema changes (docs/webflow.md, Collections and fields), shared by /v2 routes and the control API.

export const maxFields = 60

const staticTypes = new Set([
  'Color',
  'DateTime',
  'Email',
  'File',
  'Image',
  'Link',
  'MultiImage',
  'Number',
  'Phone',
  'PlainText',
  'RichText',
  'Switch',
  'VideoLink',
])

const systemField = (slug: 'name' | 'slug'): FieldRec => ({
  id: newId(),
  slug,
  displayName: slug === 'name' ? 'Name' : 'Slug',
  type: 'PlainText',
  isRequired: true,
  isEditable: true,
  helpText: null,
  validations: slug === 'name' ? { maxLength: 256 } : { maxLength: 256, pattern: '^[a-z0-9_-]+$' },
})

const str = (v: unknown): v is string => typeof v === 'string' && v.trim() !== ''

/** Checks a FieldCreate body; returns the field or the problems, params prefixed. */
export function buildField(
  ctx: SimContext,
  site: SiteRec,
  c: CollectionRec | null,
  body: Record<string, unknown>,
  prefix = '',
  allowId = false,
): FieldRec | FieldError[] {
  const errors: FieldError[] = []
  const type = body.type
  if (!str(body.displayName)) errors.push({ param: `${prefix}displayName`, description: 'Field is required' })
  let validations: Record<string, unknown> | null = null
  const metadata = (body.metadata ?? body.validations ?? {}) as Record<string, unknown>
  if (type === 'Option') {
    const options = metadata.options
    if (
      !Array.isArray(options) ||
      options.length < 1 ||
      options.length > 100 ||
      !options.every((o) => str(o?.name))
    ) {
      errors.push({ param: `${prefix}metadata.options`, description: 'Expected 1–100 options with a name' })
    } else {
      validations = {
        options: options.map((o) => ({ name: o.name, id: allowId && str(o.id) ? o.id : newId() })),
      }
    }
  } else if (type === 'Reference' || type === 'MultiReference') {
    const target = ctx.store.collections.get(String(metadata.collectionId))
    const sameSite = target && target.siteId === site.id
    const self = c !== null && metadata.collectionId === c.id
    if (!sameSite && !self) {
      errors.push({ param: `${prefix}metadata.collectionId`, description: 'Referenced collection not found' })
    } else validations = { collectionId: metadata.collectionId }
  } else if (typeof type !== 'string' || !staticTypes.has(type)) {
    errors.push({ param: `${prefix}type`, description: `Unsupported field type '${String(type)}'` })
  }
  const slug = str(body.slug) ? slugify(body.slug) : str(body.displayName) ? slugify(body.displayName) : ''
  if (errors.length > 0) return errors
  return {
    id: allowId && str(body.id) ? body.id : newId(),
    slug,
    displayName: String(body.displayName),
    type: String(type),
    isRequired: body.isRequired === true,
    isEditable: true,
    helpText: typeof body.helpText === 'string' ? body.helpText : null,
    validations,
  }
}

export function addField(c: CollectionRec, field: FieldRec, now: number): void {
  if (c.fields.length >= maxFields) {
    throw validationError([
      { param: 'fields', description: `A collection can have at most ${maxFields} fields` },
    ])
  }
  if (c.fields.some((f) => f.slug === field.slug)) {
    throw conflict(`Conflict: A field with slug '${field.slug}' already exists`)
  }
  c.fields.push(field)
  c.lastUpdated = now
}

export function createCollection(
  ctx: SimContext,
  site: SiteRec,
  body: Record<string, unknown>,
  allowIds = false,
): CollectionRec {
  const errors: FieldError[] = []
  if (!str(body.displayName)) errors.push({ param: 'displayName', description: 'Field is required' })
  if (!str(body.singularName)) errors.push({ param: 'singularName', description: 'Field is required' })
  if (body.fields !== undefined && !Array.isArray(body.fields)) {
    errors.push({ param: 'fields', description: 'Expected an array' })
  }
  if (errors.length > 0) throw validationError(errors)
  const slug = str(body.slug) ? slugify(body.slug) : slugify(String(body.displayName))
  for (const id of site.collectionIds) {
    const other = ctx.store.collections.get(id)
    if (other && (other.displayName === body.displayName || other.slug === slug)) {
      throw conflict('Collection already exists', 'duplicate_collection')
    }
  }
  const now = ctx.now()
  const c: CollectionRec = {
    id: allowIds && str(body.id) ? body.id : newId(),
    siteId: site.id,
    displayName: String(body.displayName),
    singularName: String(body.singularName),
    slug,
    createdOn: now,
    lastUpdated: now,
    fields: [systemField('name'), systemField('slug')],
    items: new Map(),
    slugs: new Map(),
    // Seeded collections exist on the live site; one created through the API waits for a site publish.
    published: allowIds,
  }
  const fields = (body.fields ?? []) as Record<string, unknown>[]
  const built = fields.map((f, i) => buildField(ctx, site, c, f ?? {}, `fields[${i}].`, allowIds))
  const problems = built.flatMap((b) => (Array.isArray(b) ? b : []))
  if (problems.length > 0) throw validationError(problems)
  for (const f of built as FieldRec[]) addField(c, f, now)
  ctx.store.collections.set(c.id, c)
  site.collectionIds.add(c.id)
  return c
}

export function deleteCollection(ctx: SimContext, c: CollectionRec): void {
  const site = ctx.store.sites.get(c.siteId)
  if (site) {
    site.itemCount -= c.items.size
    site.collectionIds.delete(c.id)
  }
  ctx.store.collections.delete(c.id)
}

export function removeField(c: CollectionRec, fieldId: string, now: number): boolean {
  const index = c.fields.findIndex((f) => f.id === fieldId)
  const field = c.fields[index]
  if (!field) return false
  if (field.slug === 'name' || field.slug === 'slug') {
    throw validationError([{ param: 'fieldId', description: 'The name and slug fields cannot be deleted' }])
  }
  c.fields.splice(index, 1)
  for (const item of c.items.values()) {
    for (const v of item.variants.values()) {
      delete v.staged.fieldData[field.slug]
      if (v.live) delete v.live.fieldData[field.slug]
    }
  }
  c.lastUpdated = now
  return true
}
