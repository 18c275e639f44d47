import type { SchemaDrift } from '@bindery/shared/api/schema-drift'
import { type HubField, WEBFLOW_TYPE_OF } from '@bindery/shared/hub'
import type { Collection, Field } from '@bindery/shared/webflow'
import type { KnownFields } from '../db/links'
import type { FieldMapEntry } from '../vocabulary/hub-content'
import { optionIds } from './field-plan'

export type Found = Omit<SchemaDrift, 'at'>

export type SchemaCheck = {
  drifts: Found[]
  /** The field map after the safe reactions (followed names/options, unmapped fields). */
  fieldMap: FieldMapEntry[]
  /** Option names to add to (or rename in) the hub selects: hub values stay names. */
  hubOptions: { hubSlug: string; add: string[]; rename: { from: string; to: string }[] }[]
  known: KnownFields
  /** Required Webflow fields no mapping fills: every create would fail on them. */
  requiredUnmapped: { slug: string; name: string }[]
}

export type SchemaInput = {
  map: FieldMapEntry[]
  hubFields: HubField[]
  /** null: the collection is gone (Webflow answered 404). */
  webflow: Collection | null
  /** null before the first check: nothing is "added" then. */
  known: KnownFields | null
}

const system = (f: Field) => f.slug === 'name' || f.slug === 'slug'
const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

/**
 * Compares a Webflow collection's schema with a link's field map and hub fields. Pure: it decides
 * the drift classes and the safe reactions; the caller stores and audits them.
 */
export function compareSchema({ map, hubFields, webflow, known }: SchemaInput): SchemaCheck {
  if (!webflow) {
    const drift: Found = {
      kind: 'collectionDeleted',
      webflowFieldId: null,
      webflowSlug: null,
      hubSlug: null,
      name: 'collection',
      message: 'The Webflow collection was deleted: recreate it in Webflow or disconnect the link.',
      reaction: 'needsAction',
    }
    return { drifts: [drift], fieldMap: map, hubOptions: [], known: known ?? {}, requiredUnmapped: [] }
  }
  const drifts: Found[] = []
  const hubOptions: SchemaCheck['hubOptions'] = []
  const byId = new Map(webflow.fields.map((f) => [f.id, f]))
  const mappedIds = new Set(map.map((e) => e.webflowFieldId))
  const fresh = webflow.fields.filter((f) => !system(f) && !mappedIds.has(f.id) && known && !known[f.id])
  const claimed = new Set<string>()
  const fieldMap: FieldMapEntry[] = []

  for (const entry of map) {
    const f = byId.get(entry.webflowFieldId)
    const was = entry.webflowName ?? known?.[entry.webflowFieldId]?.name ?? entry.webflowSlug
    const base = {
      webflowFieldId: entry.webflowFieldId,
      webflowSlug: entry.webflowSlug,
      hubSlug: entry.hubSlug,
    }
    if (!f) {
      const twin = fresh.find(
        (c) =>
          !claimed.has(c.id) &&
          (sameName(c.displayName, was) || new RegExp(`^${entry.webflowSlug}(-\\d+)+$`).test(c.slug)),
      )
      if (twin) claimed.add(twin.id)
      drifts.push({
        ...base,
        kind: twin ? 'fieldRecreated' : 'fieldDeleted',
        name: was,
        message: twin
          ? `"${was}" was deleted and created again in Webflow as "${twin.slug}": re-map it to keep syncing; hub values are kept.`
          : `"${was}" was deleted in Webflow: it no longer syncs; hub values are kept.`,
        reaction: twin ? 'needsAction' : 'unmapped',
        candidateFieldId: twin?.id ?? null,
      })
      continue
    }
    if (f.type !== WEBFLOW_TYPE_OF[entry.type]) {
      drifts.push({
        ...base,
        kind: 'fieldTypeChanged',
        name: f.displayName,
        message: `"${f.displayName}" is now a ${f.type} field in Webflow, which cannot sync with the hub's ${entry.type}: re-map it; hub values are kept.`,
        reaction: 'needsAction',
        candidateFieldId: null,
      })
      continue
    }
    const next: FieldMapEntry = {
      ...entry,
      webflowSlug: f.slug,
      webflowName: f.displayName,
      required: f.isRequired,
    }
    const seenBefore = entry.webflowName !== undefined || known?.[f.id] !== undefined
    if (seenBefore && f.displayName !== was) {
      drifts.push({
        ...base,
        kind: 'fieldRenamed',
        name: f.displayName,
        message: `"${was}" is now called "${f.displayName}" in Webflow; it keeps syncing.`,
        reaction: 'followed',
      })
    }
    const wasRequired = entry.required ?? known?.[f.id]?.required ?? false
    if (seenBefore && f.isRequired && !wasRequired) {
      drifts.push({
        ...base,
        kind: 'fieldRequired',
        name: f.displayName,
        message: `"${f.displayName}" is now required in Webflow: hub items without a value are not created there until they have one.`,
        reaction: 'createsBlocked',
      })
    }
    if (entry.type === 'select') {
      const option = optionDrift(
        entry,
        f,
        hubFields.find((h) => h.slug === entry.hubSlug),
      )
      drifts.push(...option.drifts.map((d) => ({ ...base, name: f.displayName, ...d })))
      next.options = option.options
      if (Object.keys(option.aliases).length) next.optionAliases = option.aliases
      else delete next.optionAliases
      if (option.hub.add.length || option.hub.rename.length)
        hubOptions.push({ hubSlug: entry.hubSlug, ...option.hub })
    }
    fieldMap.push(next)
  }

  for (const f of fresh) {
    if (claimed.has(f.id)) continue
    drifts.push({
      kind: 'fieldAdded',
      webflowFieldId: f.id,
      webflowSlug: f.slug,
      hubSlug: null,
      name: f.displayName,
      message: f.isRequired
        ? `"${f.displayName}" was added in Webflow as a required field: Bindery cannot create items until it is synced.`
        : `"${f.displayName}" was added in Webflow; it does not sync until you map it.`,
      reaction: f.isRequired ? 'createsBlocked' : 'reported',
      candidateFieldId: f.id,
    })
  }
  for (const f of webflow.fields) {
    const prev = known?.[f.id]
    if (system(f) || mappedIds.has(f.id) || !prev || prev.required || !f.isRequired) continue
    drifts.push({
      kind: 'fieldRequired',
      webflowFieldId: f.id,
      webflowSlug: f.slug,
      hubSlug: null,
      name: f.displayName,
      message: `"${f.displayName}" (not synced) is now required in Webflow: Bindery cannot create items until it is synced.`,
      reaction: 'createsBlocked',
    })
  }
  const mappedNow = new Set(fieldMap.map((e) => e.webflowFieldId))
  const requiredUnmapped = webflow.fields
    .filter((f) => f.isRequired && !system(f) && !mappedNow.has(f.id))
    .map((f) => ({ slug: f.slug, name: f.displayName }))
  return { drifts, fieldMap, hubOptions, known: knownFieldsOf(webflow), requiredUnmapped }
}

export function knownFieldsOf(webflow: Collection): KnownFields {
  return Object.fromEntries(
    webflow.fields.map((f) => [
      f.id,
      { slug: f.slug, name: f.displayName, type: f.type, required: f.isRequired },
    ]),
  )
}

type OptionDrift = Pick<Found, 'kind' | 'message' | 'reaction' | 'option'>

/** Option values by their stable id: added, renamed, removed; plus hub options Webflow lacks. */
function optionDrift(entry: FieldMapEntry, f: Field, hub: HubField | undefined) {
  const now = optionIds(f) // name → id
  const before = entry.options ?? {}
  const nameOf = new Map(Object.entries(now).map(([name, id]) => [id, name]))
  const oldNameOf = new Map(Object.entries(before).map(([name, id]) => [id, name]))
  const drifts: OptionDrift[] = []
  const add: string[] = []
  const rename: { from: string; to: string }[] = []
  const options: Record<string, string> = { ...now }
  const aliases: Record<string, string> = { ...entry.optionAliases }
  for (const [id, name] of nameOf) {
    const old = oldNameOf.get(id)
    if (old === undefined) {
      add.push(name)
      drifts.push({
        kind: 'optionAdded',
        option: { id, name },
        message: `Option "${name}" was added to "${f.displayName}" in Webflow; the hub select has it too.`,
        reaction: 'hubOptionAdded',
      })
    } else if (old !== name) {
      rename.push({ from: old, to: name })
      drifts.push({
        kind: 'optionRenamed',
        option: { id, name, previousName: old },
        message: `Option "${old}" of "${f.displayName}" is now "${name}"; items follow it.`,
        reaction: 'followed',
      })
    }
  }
  for (const [name, id] of Object.entries(before)) {
    if (nameOf.has(id)) {
      if (!(name in options)) aliases[name] = id
      continue
    }
    drifts.push({
      kind: 'optionRemoved',
      option: { id, name },
      message: `Option "${name}" was removed from "${f.displayName}" in Webflow, which cleared it on its items; the hub follows unless the link only pushes.`,
      reaction: 'reported',
    })
  }
  const gone = new Set(drifts.filter((d) => d.kind === 'optionRemoved').map((d) => d.option!.name))
  const renamedFrom = new Set(rename.map((r) => r.from))
  for (const name of hub?.options ?? []) {
    if (name in options || name in aliases || renamedFrom.has(name) || gone.has(name)) continue
    drifts.push({
      kind: 'hubOptionMissing',
      option: { id: null, name },
      message: `The hub's option "${name}" is missing from "${f.displayName}" in Webflow; add it in the Designer (the Data API cannot add options).`,
      reaction: 'reported',
    })
  }
  for (const [name, id] of Object.entries(aliases))
    if (name in options || !nameOf.has(id)) delete aliases[name]
  return { drifts, options, aliases, hub: { add, rename } }
}
