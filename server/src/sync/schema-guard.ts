import type { KnownFields } from '../db/links'
import type { FieldMapEntry } from '../vocabulary/hub-content'

// What Webflow's current schema demands of a write, known from the link's last schema check
// (docs/webflow.md, "Collection schemas").

export type Guarded = { fieldData: Record<string, unknown> } | { blocked: string }

/**
 * A required Webflow field is never sent as null (Webflow answers 400 and the item would fail for a
 * value it cannot have). A create lacking a required value is held with the reason, alone.
 */
export function guardWrite(
  fieldData: Record<string, unknown>,
  map: FieldMapEntry[],
  requiredUnmapped: { slug: string; name: string }[],
  creating: boolean,
): Guarded {
  const out = { ...fieldData }
  const missing: string[] = []
  for (const f of map) {
    if (!f.required || (out[f.webflowSlug] !== null && out[f.webflowSlug] !== undefined)) continue
    delete out[f.webflowSlug]
    missing.push(`"${f.webflowName ?? f.hubSlug}" (hub field ${f.hubSlug})`)
  }
  if (creating) missing.push(...requiredUnmapped.map((f) => `"${f.name}" (not synced)`))
  if (creating && missing.length) {
    return {
      blocked: `Webflow requires ${missing.join(', ')}: set a value in the hub${
        requiredUnmapped.length ? ' or sync the field' : ''
      } and the item is created.`,
    }
  }
  return { fieldData: out }
}

/** Required Webflow fields the field map does not fill. */
export function requiredUnmappedOf(known: KnownFields | null, map: FieldMapEntry[]) {
  const mapped = new Set(map.map((f) => f.webflowFieldId))
  return Object.entries(known ?? {})
    .filter(([id, f]) => f.required && f.slug !== 'name' && f.slug !== 'slug' && !mapped.has(id))
    .map(([, f]) => ({ slug: f.slug, name: f.name }))
}

/** A Webflow 400 about the schema (an unknown field, a required one, an unknown Option): worth a schema check. */
export function isSchemaError(message: string): boolean {
  return /not described in schema|field is required|unknown option|does not exist in webflow/i.test(message)
}
