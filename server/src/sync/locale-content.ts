import type { HubFieldType } from '@bindery/shared/hub'
import type { FieldMapEntry, HubContent } from '../vocabulary/hub-content'

/**
 * Field types every locale shares: the Data API cannot localize images (docs/webflow.md
 * "Localization"); files are assets too, so Bindery keeps them shared as well.
 */
const SHARED: ReadonlySet<HubFieldType> = new Set(['image', 'images', 'file'])

export const isLocalizable = (type: HubFieldType) => !SHARED.has(type)

/** The field map entries a locale version carries. */
export function localizableMap(map: FieldMapEntry[]): FieldMapEntry[] {
  return map.filter((f) => isLocalizable(f.type))
}

type Primary = { name: string; slug: string; status: HubContent['status']; fields: Record<string, unknown> }
type Version = { name: string; slug: string; fields: Record<string, unknown> }

/**
 * A locale version in hub terms, as hashed, merged and pushed: its name, slug and localizable fields,
 * with the status of the item (publishing follows the item). A missing version reads as the primary's
 * content, which is what Webflow created the locale with.
 */
export function localeContentOf(primary: Primary, version: Version | null | undefined, map: FieldMapEntry[]) {
  const src = version ?? primary
  const fields: Record<string, unknown> = {}
  for (const f of localizableMap(map)) {
    const v = src.fields[f.hubSlug]
    if (v !== undefined && v !== null) fields[f.hubSlug] = v
  }
  return { name: src.name, slug: src.slug, status: primary.status, fields } satisfies HubContent
}

/** Keeps only what a locale version stores from content in hub terms (e.g. a Webflow variant). */
export function localePart(c: HubContent, map: FieldMapEntry[], status: HubContent['status']): HubContent {
  return localeContentOf({ ...c, status }, null, map)
}
