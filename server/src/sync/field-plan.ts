import type { FieldPair, UpdateLinkRequest } from '@bindery/shared/api/links'
import { fieldCompatibility } from '@bindery/shared/field-compat'
import { type HubField, hubTypeOf, WEBFLOW_TYPE_OF } from '@bindery/shared/hub'
import type { Collection, Field } from '@bindery/shared/webflow'
import type { HubCollection } from '../db/hub-collections'
import { badRequest } from '../vocabulary/app-error'
import type { FieldMapEntry } from '../vocabulary/hub-content'

/** Option ids by name, from a Webflow field's `validations.options`. */
export function optionIds(field: Field): Record<string, string> {
  const options = (field.validations as { options?: { id: string; name: string }[] } | null)?.options ?? []
  return Object.fromEntries(options.map((o) => [o.name, o.id]))
}

export function referencedCollectionOf(field: Field): string | undefined {
  return (field.validations as { collectionId?: string } | null)?.collectionId
}

/** Why a Webflow field cannot be synced, or undefined when it can. */
export function unsupportedReason(field: Field): string | undefined {
  if (field.slug === 'name' || field.slug === 'slug') return 'always synced'
  if (!hubTypeOf(field.type)) return `Webflow ${field.type} fields have no hub type`
  return undefined
}

/** The Webflow field to create for a hub field; references need the referenced collection's Webflow id. */
export function webflowFieldFor(
  f: HubField,
  webflowCollectionOf: (hubCollectionId: string) => string | undefined,
) {
  const base = { type: WEBFLOW_TYPE_OF[f.type], displayName: f.name, slug: f.slug, isRequired: false }
  if (f.type === 'select')
    return { ...base, metadata: { options: (f.options ?? []).map((name) => ({ name })) } }
  if (f.type === 'reference' || f.type === 'multiReference') {
    const collectionId = f.referenceCollectionId && webflowCollectionOf(f.referenceCollectionId)
    if (!collectionId)
      throw badRequest(
        `field "${f.slug}" references a collection that is not connected yet: connect it first`,
      )
    return { ...base, metadata: { collectionId } }
  }
  return base
}

/**
 * Pairs hub fields with Webflow fields, checking each pair with the rule the panel shows
 * (`fieldCompatibility`). References are checked against `webflowOf` when given.
 */
export function buildFieldMap(
  pairs: { hub: HubField; webflow: Field }[],
  webflowOf?: (hubCollectionId: string) => string | undefined,
): FieldMapEntry[] {
  const problems: { path: string; message: string }[] = []
  const map: FieldMapEntry[] = []
  const hubSlugs = new Set<string>()
  const webflowSlugs = new Set<string>()
  for (const { hub, webflow } of pairs) {
    if (hubSlugs.has(hub.slug) || webflowSlugs.has(webflow.slug)) {
      problems.push({ path: hub.slug, message: 'each field can be paired once' })
      continue
    }
    hubSlugs.add(hub.slug)
    webflowSlugs.add(webflow.slug)
    const compat = fieldCompatibility(
      {
        ...hub,
        referencesWebflowCollection:
          webflowOf && hub.referenceCollectionId ? (webflowOf(hub.referenceCollectionId) ?? null) : undefined,
      },
      {
        slug: webflow.slug,
        type: webflow.type,
        options: Object.keys(optionIds(webflow)),
        collectionId: referencedCollectionOf(webflow) ?? null,
      },
    )
    const refOnly =
      !webflowOf &&
      !compat.ok &&
      (hub.type === 'reference' || hub.type === 'multiReference') &&
      WEBFLOW_TYPE_OF[hub.type] === webflow.type
    const optionOnly = !compat.ok && hub.type === 'select' && webflow.type === 'Option'
    if (!compat.ok && !refOnly && !optionOnly) {
      problems.push({ path: hub.slug, message: compat.reason })
      continue
    }
    const entry: FieldMapEntry = {
      hubSlug: hub.slug,
      webflowSlug: webflow.slug,
      webflowFieldId: webflow.id,
      type: hub.type,
      webflowName: webflow.displayName,
      required: webflow.isRequired,
    }
    if (hub.type === 'select') {
      entry.options = optionIds(webflow)
      const missing = (hub.options ?? []).filter((o) => !entry.options?.[o])
      if (missing.length)
        problems.push({ path: hub.slug, message: `Webflow lacks the options ${missing.join(', ')}` })
    }
    map.push(entry)
  }
  if (problems.length) throw badRequest('some fields cannot be synced', problems)
  return map
}

export function webflowField(collection: Collection, slug: string): Field {
  const f = collection.fields.find((x) => x.slug === slug)
  if (!f) throw badRequest(`Webflow collection "${collection.displayName}" has no field "${slug}"`)
  return f
}

/** The field pairs a request asks for: `fieldPairs` as given, or `fields` paired by slug. */
export function requestedPairs(req: UpdateLinkRequest): FieldPair[] | undefined {
  if (req.fieldPairs && req.fields) throw badRequest('send either fields or fieldPairs, not both')
  return req.fieldPairs ?? req.fields?.map((s) => ({ hubSlug: s, webflowSlug: s }))
}

/**
 * The Webflow fields a field change must create first: selected hub fields paired by their own slug
 * that Webflow lacks. (A pair naming another Webflow slug must exist already.)
 */
export function fieldsToCreate(hub: HubCollection, collection: Collection, pairs: FieldPair[]) {
  const unknown = pairs.filter((p) => !hub.fields.some((f) => f.slug === p.hubSlug)).map((p) => p.hubSlug)
  if (unknown.length) throw badRequest(`unknown fields: ${unknown.join(', ')}`)
  return hub.fields.filter((f) =>
    pairs.some(
      (p) =>
        p.hubSlug === f.slug &&
        p.webflowSlug === f.slug &&
        !collection.fields.some((w) => w.slug === p.webflowSlug),
    ),
  )
}
