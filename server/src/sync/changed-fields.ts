import type { FieldMapEntry, HubContent } from '../vocabulary/hub-content'
import { canonicalJson } from './content-hash'

/**
 * The part of a Webflow `fieldData` whose hub value changed since the last sync (`base`): an update
 * sends only those, so a field Bindery did not change (a rich-text embed written in Webflow, an image
 * Webflow already holds) is never rewritten. Without a base everything is sent.
 */
export function changedFieldData(
  fieldData: Record<string, unknown>,
  content: HubContent,
  base: HubContent | null,
  map: FieldMapEntry[],
): Record<string, unknown> {
  if (!base) return fieldData
  const differs = (a: unknown, b: unknown) => canonicalJson(a ?? null) !== canonicalJson(b ?? null)
  const out: Record<string, unknown> = {}
  if (differs(content.name, base.name)) out.name = fieldData.name
  if (differs(content.slug, base.slug)) out.slug = fieldData.slug
  for (const f of map) {
    if (f.webflowSlug in fieldData && differs(content.fields[f.hubSlug], base.fields[f.hubSlug]))
      out[f.webflowSlug] = fieldData[f.webflowSlug]
  }
  return out
}
