import type { FieldPair, HubCollectionSummary, WebflowCollectionSummary } from '@bindery/shared/api/links'
import { type Compatibility, fieldCompatibility } from '@bindery/shared/field-compat'

const BUILT_IN = new Set(['name', 'slug'])

export type HubField = HubCollectionSummary['fields'][number]
export type WebflowField = WebflowCollectionSummary['fields'][number]

/** A pair in the making: `webflowSlug` null means "create it in Webflow", `hubSlug` null "create it in the hub". */
export type DraftPair = { hubSlug: string | null; webflowSlug: string | null }

export const optionalHubFields = (hub: HubCollectionSummary | undefined) =>
  (hub?.fields ?? []).filter((f) => !BUILT_IN.has(f.slug))
export const optionalWebflowFields = (wf: WebflowCollectionSummary | undefined) =>
  (wf?.fields ?? []).filter((f) => !BUILT_IN.has(f.slug))

/** The shared rule (`fieldCompatibility`), fed with what the panel knows of each field. */
export function compatibility(hub: HubField, webflow: WebflowField): Compatibility {
  if (!webflow.hubType)
    return {
      ok: false,
      reason: webflow.unsupportedReason ?? `Bindery cannot sync Webflow ${webflow.type} fields`,
    }
  return fieldCompatibility({ slug: hub.slug, type: hub.type }, { slug: webflow.slug, type: webflow.type })
}

/** Fields with the same slug and compatible types start paired; the rest start unpaired. */
export function initialPairs(
  hub: HubCollectionSummary | undefined,
  webflow: WebflowCollectionSummary | undefined,
  current?: FieldPair[],
): DraftPair[] {
  if (current) return current.filter((p) => !BUILT_IN.has(p.hubSlug)).map((p) => ({ ...p }))
  const wf = optionalWebflowFields(webflow)
  return optionalHubFields(hub).flatMap((h) => {
    const w = wf.find((f) => f.slug === h.slug)
    return w && compatibility(h, w).ok ? [{ hubSlug: h.slug, webflowSlug: w.slug }] : []
  })
}

/** Why a draft pair cannot be sent (null when it can). */
export function pairProblem(
  pair: DraftPair,
  hub: HubCollectionSummary | undefined,
  webflow: WebflowCollectionSummary | undefined,
): string | null {
  if (pair.hubSlug === null || pair.webflowSlug === null) return null
  const h = optionalHubFields(hub).find((f) => f.slug === pair.hubSlug)
  const w = optionalWebflowFields(webflow).find((f) => f.slug === pair.webflowSlug)
  if (!h || !w) return 'This field no longer exists'
  const c = compatibility(h, w)
  return c.ok ? null : capitalise(c.reason)
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** Complete pairs for the request (fields to create on either side keep their own slug). */
export function toFieldPairs(pairs: DraftPair[]): FieldPair[] {
  return pairs.flatMap((p) => {
    const hubSlug = p.hubSlug ?? p.webflowSlug
    const webflowSlug = p.webflowSlug ?? p.hubSlug
    return hubSlug && webflowSlug ? [{ hubSlug, webflowSlug }] : []
  })
}
