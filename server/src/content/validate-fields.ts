import { FIELD_VALUE, type HubField } from '@bindery/shared/hub'
import { liveCollectionsOf } from '../db/hub-items'
import type { Queryable } from '../db/pool'
import { sanitizeRichText } from '../vocabulary/sanitize-rich-text'

/** One problem with one value, e.g. `{ path: 'items[3].fields.color', message: '…' }`. */
export type FieldIssue = { path: string; message: string }

/** Reference ids a value points at, checked against the database in one query per request. */
export type ReferenceCheck = { path: string; collectionId: string; ids: string[] }

export type CheckedFields = {
  /** Parsed values (rich text sanitised); `null` where the input cleared a field. */
  values: Record<string, unknown>
  issues: FieldIssue[]
  references: ReferenceCheck[]
}

/**
 * Checks field values against a collection's fields without touching the database: unknown slugs,
 * each value's format (`FIELD_VALUE`), select options, and required fields. `complete` says the values
 * are the whole item (create, bulk upsert), so every required field must be there; otherwise they
 * are a patch and a required field may only not be cleared.
 */
export function checkFieldValues(
  schema: HubField[],
  input: Record<string, unknown>,
  opts: { prefix?: string; complete: boolean },
): CheckedFields {
  const prefix = opts.prefix ?? 'fields'
  const bySlug = new Map(schema.map((f) => [f.slug, f]))
  const out: CheckedFields = { values: {}, issues: [], references: [] }
  for (const [slug, raw] of Object.entries(input)) {
    const path = `${prefix}.${slug}`
    const field = bySlug.get(slug)
    if (!field) {
      out.issues.push({ path, message: `unknown field "${slug}"` })
      continue
    }
    if (raw === null) {
      if (field.required) out.issues.push({ path, message: `"${slug}" is required and cannot be cleared` })
      else out.values[slug] = null
      continue
    }
    const parsed = FIELD_VALUE[field.type].safeParse(raw)
    if (!parsed.success) {
      const first = parsed.error.issues[0]
      out.issues.push({ path, message: `not a valid ${field.type} value: ${first?.message ?? 'invalid'}` })
      continue
    }
    let value = parsed.data
    if (field.type === 'select' && !field.options?.includes(value as string)) {
      out.issues.push({ path, message: `must be one of: ${(field.options ?? []).join(', ')}` })
      continue
    }
    if (field.type === 'richText') value = sanitizeRichText(value as string)
    if ((field.type === 'reference' || field.type === 'multiReference') && field.referenceCollectionId) {
      const ids = Array.isArray(value) ? (value as string[]) : [value as string]
      if (ids.length) out.references.push({ path, collectionId: field.referenceCollectionId, ids })
    }
    out.values[slug] = value
  }
  if (opts.complete) {
    for (const field of schema) {
      // A null for a required field was already reported above.
      if (field.required && input[field.slug] === undefined) {
        out.issues.push({ path: `${prefix}.${field.slug}`, message: `"${field.slug}" is required` })
      }
    }
  }
  return out
}

/** Every reference must name a live item of the referenced collection: one query for them all. */
export async function checkReferences(db: Queryable, checks: ReferenceCheck[]): Promise<FieldIssue[]> {
  const ids = [...new Set(checks.flatMap((c) => c.ids))]
  if (!ids.length) return []
  const collectionOf = await liveCollectionsOf(db, ids)
  const issues: FieldIssue[] = []
  for (const check of checks) {
    const missing = check.ids.filter((id) => collectionOf.get(id) !== check.collectionId)
    if (missing.length) {
      issues.push({
        path: check.path,
        message: `no such item in the referenced collection: ${missing.join(', ')}`,
      })
    }
  }
  return issues
}

/** `checkFieldValues` and `checkReferences` for one item. */
export async function validateFields(
  db: Queryable,
  schema: HubField[],
  input: Record<string, unknown>,
  opts: { prefix?: string; complete: boolean },
): Promise<{ values: Record<string, unknown>; issues: FieldIssue[] }> {
  const checked = checkFieldValues(schema, input, opts)
  const refIssues = checked.issues.length ? [] : await checkReferences(db, checked.references)
  return { values: checked.values, issues: [...checked.issues, ...refIssues] }
}
