import { addField, buildField, deleteCollection, removeField } from './collection-ops.ts'
import type { SimContext } from './context.ts'
import { notFound, validationError } from './errors.ts'
import { newId } from './ids.ts'
import type { CollectionRec, FieldRec } from './store.ts'

// Schema edits a designer makes in the Designer (docs/webflow.md, "Collection schemas"). They fire
// no webhook: Webflow has no schema event. Item `lastUpdated` is left alone [unconfirmed].

type Body = Record<string, unknown>
type OptionRec = { id: string; name: string }

/** Adds a field the way the Designer does: a taken or retired slug gets a suffix, never a 409. */
export function designerAddField(ctx: SimContext, c: CollectionRec, body: Body): FieldRec {
  const site = ctx.store.sites.get(c.siteId)!
  const field = buildField(ctx, site, c, body)
  if (Array.isArray(field)) throw validationError(field)
  const taken = (s: string) => c.retiredSlugs.has(s) || c.fields.some((f) => f.slug === s)
  let n = ctx.config.fieldSlugSuffixFrom
  let slug = field.slug
  while (taken(slug)) slug = `${field.slug}-${n++}`
  field.slug = slug
  addField(c, field, ctx.now())
  return field
}

/**
 * Renames a field, makes it (not) required, edits its help text, or replaces its Option values:
 * `options: [{id?, name}]`, where a listed id keeps (and may rename) that option, a missing id adds
 * one and an option left out is removed. The type never changes (a designer deletes and recreates).
 */
export function designerPatchField(ctx: SimContext, c: CollectionRec, fieldId: string, body: Body): FieldRec {
  const field = c.fields.find((f) => f.id === fieldId)
  if (!field) throw notFound('field')
  if (body.type !== undefined && body.type !== field.type) {
    throw validationError([{ param: 'type', description: "A field's type cannot be changed" }])
  }
  if (body.displayName !== undefined) {
    if (typeof body.displayName !== 'string' || !body.displayName.trim()) {
      throw validationError([{ param: 'displayName', description: 'Expected a non-empty string' }])
    }
    field.displayName = body.displayName
  }
  if (typeof body.isRequired === 'boolean' && field.slug !== 'name' && field.slug !== 'slug') {
    field.isRequired = body.isRequired
  }
  if (body.helpText !== undefined) field.helpText = body.helpText === null ? null : String(body.helpText)
  if (body.options !== undefined) replaceOptions(ctx, c, field, body.options)
  c.lastUpdated = ctx.now()
  return field
}

function replaceOptions(ctx: SimContext, c: CollectionRec, field: FieldRec, input: unknown) {
  if (field.type !== 'Option')
    throw validationError([{ param: 'options', description: 'Not an Option field' }])
  const current = (field.validations?.options ?? []) as OptionRec[]
  const valid =
    Array.isArray(input) &&
    input.length >= 1 &&
    input.length <= 100 &&
    input.every(
      (o) =>
        typeof o?.name === 'string' &&
        o.name.trim() &&
        (o.id === undefined || current.some((x) => x.id === o.id)),
    )
  if (!valid) {
    throw validationError([
      { param: 'options', description: 'Expected 1–100 options {id?, name}; ids must exist' },
    ])
  }
  const moved = new Map<string, string | null>() // old id → new id (null: removed)
  const next: OptionRec[] = (input as { id?: string; name: string }[]).map((o) => {
    const old = current.find((x) => x.id === o.id)
    if (!old) return { id: newId(), name: o.name }
    if (old.name !== o.name && !ctx.config.optionRenameKeepsId) {
      const id = newId()
      moved.set(old.id, id)
      return { id, name: o.name }
    }
    return { id: old.id, name: o.name }
  })
  for (const o of current) {
    if (!next.some((n) => n.id === o.id) && !moved.has(o.id)) {
      moved.set(o.id, ctx.config.removedOptionValues === 'cleared' ? null : o.id)
    }
  }
  field.validations = { ...field.validations, options: next }
  for (const item of c.items.values()) {
    for (const v of item.variants.values()) {
      for (const data of [v.staged.fieldData, v.live?.fieldData]) {
        const id = data?.[field.slug]
        if (!data || typeof id !== 'string' || !moved.has(id)) continue
        data[field.slug] = moved.get(id) ?? null
      }
    }
  }
}

export function designerDeleteField(ctx: SimContext, c: CollectionRec, fieldId: string): void {
  if (!removeField(c, fieldId, ctx.now())) throw notFound('field')
}

export function designerDeleteCollection(ctx: SimContext, c: CollectionRec): void {
  deleteCollection(ctx, c)
}
