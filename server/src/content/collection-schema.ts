import { MAX_CUSTOM_FIELDS } from '@bindery/shared/api/content'
import type { HubField } from '@bindery/shared/hub'
import { existingSiteCollectionIds } from '../db/hub-collections'
import type { Queryable } from '../db/pool'
import type { FieldIssue } from './validate-fields'

const REFERENCE_TYPES = new Set(['reference', 'multiReference'])

/**
 * Checks field definitions being added to a collection (`existing` are the fields it keeps):
 * unique slugs, options exactly on select fields, a reference collection exactly on reference
 * fields and live on the same site, and Webflow's cap on fields per collection.
 */
export async function checkFieldDefinitions(
  db: Queryable,
  siteId: string,
  added: HubField[],
  existing: HubField[],
  prefix: string,
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = []
  const seen = new Set(existing.map((f) => f.slug))
  added.forEach((f, i) => {
    const path = `${prefix}[${i}]`
    if (seen.has(f.slug)) issues.push({ path: `${path}.slug`, message: `duplicate field slug "${f.slug}"` })
    seen.add(f.slug)
    if (f.type === 'select' && !f.options) {
      issues.push({ path: `${path}.options`, message: 'a select field needs options' })
    }
    if (f.type !== 'select' && f.options) {
      issues.push({ path: `${path}.options`, message: 'only select fields have options' })
    }
    if (f.options && new Set(f.options).size !== f.options.length) {
      issues.push({ path: `${path}.options`, message: 'options must be unique' })
    }
    if (REFERENCE_TYPES.has(f.type) && !f.referenceCollectionId) {
      issues.push({
        path: `${path}.referenceCollectionId`,
        message: `a ${f.type} field needs referenceCollectionId`,
      })
    }
    if (!REFERENCE_TYPES.has(f.type) && f.referenceCollectionId) {
      issues.push({
        path: `${path}.referenceCollectionId`,
        message: 'only reference fields name a collection',
      })
    }
  })
  if (existing.length + added.length > MAX_CUSTOM_FIELDS) {
    issues.push({
      path: prefix,
      message: `a collection has at most ${MAX_CUSTOM_FIELDS} fields besides name and slug (Webflow's limit)`,
    })
  }
  const refs = added.map((f) => f.referenceCollectionId).filter((id): id is string => !!id)
  const live = await existingSiteCollectionIds(db, siteId, refs)
  added.forEach((f, i) => {
    if (f.referenceCollectionId && !live.has(f.referenceCollectionId)) {
      issues.push({
        path: `${prefix}[${i}].referenceCollectionId`,
        message: 'no such collection on this site',
      })
    }
  })
  return issues
}
