import type { HubCollectionSummary, WebflowCollectionSummary } from '@bindery/shared/api/links'
import type { HubFieldType } from '@bindery/shared/hub'
import { WEBFLOW_TYPE_OF } from '@bindery/shared/hub'

/** A field as the field picker lists it. */
export type PickField = {
  slug: string
  name: string
  /** Hub type; null when Bindery cannot sync the field. */
  hubType: HubFieldType | null
  webflowType: string | null
  unsupportedReason?: string | undefined
}

const BUILT_IN = new Set(['name', 'slug'])

/** publish: the hub's fields; anything else: Webflow's. */
export type CandidateMode = 'publish' | 'import' | 'link'

/**
 * The optional fields a new link can sync, with each one's type mapping: publish → the hub's fields;
 * import → Webflow's. (A linked pair pairs its fields instead: `field-pairs.ts`.)
 */
export function fieldCandidates(
  mode: CandidateMode,
  hub: HubCollectionSummary | undefined,
  webflow: WebflowCollectionSummary | undefined,
): PickField[] {
  const hubFields = (hub?.fields ?? []).filter((f) => !BUILT_IN.has(f.slug))
  const wfFields = (webflow?.fields ?? []).filter((f) => !BUILT_IN.has(f.slug))
  const fromHub = (f: (typeof hubFields)[number]): PickField => ({
    slug: f.slug,
    name: f.name,
    hubType: f.type,
    webflowType: WEBFLOW_TYPE_OF[f.type],
  })
  const fromWebflow = (f: (typeof wfFields)[number]): PickField => ({
    slug: f.slug,
    name: f.displayName,
    hubType: f.hubType,
    webflowType: f.type,
    unsupportedReason:
      f.unsupportedReason ?? (f.hubType ? undefined : `Bindery cannot sync ${f.type} fields.`),
  })

  if (mode === 'publish') return hubFields.map(fromHub)
  return wfFields.map(fromWebflow)
}
