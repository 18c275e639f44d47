import type { CollectionUpdateRequest } from '@bindery/shared/api/content'
import type { HubCollection } from '../db/hub-collections'
import { countHubItemsWithValue } from '../db/hub-items'
import type { Queryable } from '../db/pool'
import { AppError, badRequest } from '../vocabulary/app-error'
import type { FieldIssue } from './validate-fields'

export type FieldUpdatePlan = {
  removed: string[]
  updates: { slug: string; name: string; required: boolean; options: string[] | null }[]
}

/**
 * Checks `removeFields` and `updateFields` of a schema change against the collection as it is and
 * says what to write. A type never changes in place (values of the old type would not parse):
 * remove the field and add it again. Dropping a select option still in use is a conflict.
 */
export async function planFieldUpdates(
  db: Queryable,
  collection: HubCollection,
  body: CollectionUpdateRequest,
): Promise<FieldUpdatePlan> {
  const bySlug = new Map(collection.fields.map((f) => [f.slug, f]))
  const issues: FieldIssue[] = []
  const removed = body.removeFields ?? []
  removed.forEach((slug, i) => {
    if (!bySlug.has(slug)) issues.push({ path: `removeFields[${i}]`, message: `no field "${slug}"` })
  })
  const updates: FieldUpdatePlan['updates'] = []
  const seen = new Set<string>()
  for (const [i, u] of (body.updateFields ?? []).entries()) {
    const path = `updateFields[${i}]`
    const field = bySlug.get(u.slug)
    if (!field || removed.includes(u.slug)) {
      issues.push({ path: `${path}.slug`, message: `no field "${u.slug}"` })
      continue
    }
    if (seen.has(u.slug)) issues.push({ path: `${path}.slug`, message: `"${u.slug}" is updated twice` })
    seen.add(u.slug)
    if (u.type && u.type !== field.type) {
      issues.push({
        path: `${path}.type`,
        message: `a field's type cannot change (${field.type} → ${u.type}): remove the field and add it again`,
      })
    }
    if (u.options && field.type !== 'select') {
      issues.push({ path: `${path}.options`, message: 'only select fields have options' })
    } else if (u.options && new Set(u.options).size !== u.options.length) {
      issues.push({ path: `${path}.options`, message: 'options must be unique' })
    }
    updates.push({
      slug: u.slug,
      name: u.name ?? field.name,
      required: u.required ?? field.required,
      options: u.options ?? field.options ?? null,
    })
  }
  if (issues.length) throw badRequest('the schema change is invalid', issues)

  for (const u of updates) {
    const dropped = (bySlug.get(u.slug)!.options ?? []).filter((o) => !u.options?.includes(o))
    if (!dropped.length) continue
    const inUse = await countHubItemsWithValue(db, collection.id, u.slug, dropped)
    if (inUse) {
      throw new AppError(409, 'conflict', `${inUse} items still use a removed option of "${u.slug}"`, {
        field: u.slug,
        options: dropped,
      })
    }
  }
  return { removed, updates }
}
