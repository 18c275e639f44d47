import type { HubCollectionSummary, WebflowCollectionSummary } from '@bindery/shared/api/links'
import { WEBFLOW_TYPE_OF } from '@bindery/shared/hub'
import type { PickField } from '../components/field-picker'

const BUILT_IN = new Set(['name', 'slug'])

export type CandidateMode = 'publish' | 'import' | 'link' | 'edit'

/**
 * The optional fields a link can sync, with each one's type mapping:
 * publish → the hub's fields; import → Webflow's; link → pairs matched by slug (and why a field
 * cannot pair); edit → both sides, by slug (fields new to one side are created there).
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
  if (mode === 'import') return wfFields.map(fromWebflow)
  if (mode === 'edit') {
    const hubSlugs = new Set(hubFields.map((f) => f.slug))
    return [...hubFields.map(fromHub), ...wfFields.filter((f) => !hubSlugs.has(f.slug)).map(fromWebflow)]
  }
  const pairs: PickField[] = wfFields.map((w) => {
    const h = hubFields.find((f) => f.slug === w.slug)
    const field = fromWebflow(w)
    if (!w.hubType) return field
    if (!h)
      return { ...field, hubType: null, unsupportedReason: `The hub collection has no “${w.slug}” field.` }
    if (h.type !== w.hubType) {
      return {
        ...field,
        hubType: null,
        unsupportedReason: `Types differ: ${h.type} in the hub, ${w.type} in Webflow (which maps to ${w.hubType}).`,
      }
    }
    return field
  })
  const onlyHub = hubFields
    .filter((h) => !wfFields.some((w) => w.slug === h.slug))
    .map((h) => ({
      ...fromHub(h),
      hubType: null,
      webflowType: null,
      unsupportedReason: `The Webflow collection has no “${h.slug}” field.`,
    }))
  return [...pairs, ...onlyHub]
}
