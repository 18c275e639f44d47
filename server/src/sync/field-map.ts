import type { ItemStatus } from '@bindery/shared/hub'
import { unsafeUrlReason } from '@bindery/shared/safe-url'
import type { CollectionItem } from '@bindery/shared/webflow'
import type { FieldMapEntry, HubContent, WebflowState } from '../vocabulary/hub-content'

/** Translates item ids across a reference; undefined when the other side has no such item yet. */
export type RefResolver = (id: string) => string | undefined

export type WebflowWrite = { fieldData: Record<string, unknown>; unresolved: string[]; errors: string[] }

/** Hub content → Webflow `fieldData`. Unresolved references are left out and reported. */
export function toWebflow(c: HubContent, map: FieldMapEntry[], toWebflowId: RefResolver): WebflowWrite {
  const fieldData: Record<string, unknown> = { name: c.name, slug: c.slug }
  const unresolved: string[] = []
  const errors: string[] = []
  for (const f of map) {
    const v = c.fields[f.hubSlug]
    if (v === undefined || v === null) {
      fieldData[f.webflowSlug] = null
      continue
    }
    switch (f.type) {
      case 'select': {
        const id = f.options?.[v as string] ?? f.optionAliases?.[v as string]
        if (id) fieldData[f.webflowSlug] = id
        else errors.push(`${f.hubSlug}: option "${String(v)}" does not exist in Webflow`)
        break
      }
      case 'reference': {
        const id = toWebflowId(v as string)
        if (id) fieldData[f.webflowSlug] = id
        else unresolved.push(f.hubSlug)
        break
      }
      case 'multiReference': {
        const ids = (v as string[]).map(toWebflowId)
        if (ids.every(Boolean)) fieldData[f.webflowSlug] = ids
        else unresolved.push(f.hubSlug)
        break
      }
      case 'image':
      case 'file':
        fieldData[f.webflowSlug] = asset(v)
        break
      case 'images':
        fieldData[f.webflowSlug] = (v as unknown[]).map(asset)
        break
      default:
        fieldData[f.webflowSlug] = v
    }
  }
  return { fieldData, unresolved, errors }
}

/** A Webflow value left out on the way in because its URL could run code in a page. */
export type DroppedValue = { field: string; value: unknown; reason: string }

/**
 * Webflow item → hub content, through the field map. Fields not in the map are left out, and so are
 * URLs the content API would refuse (`javascript:`, `data:`): they are reported in `dropped`. Webflow
 * may store such URLs (docs/webflow.md, "Link and VideoLink values"), so none is trusted.
 */
export function fromWebflow(
  item: CollectionItem,
  map: FieldMapEntry[],
  toHubId: RefResolver,
  dropped: DroppedValue[] = [],
): HubContent {
  const data = item.fieldData as Record<string, unknown>
  const fields: Record<string, unknown> = {}
  for (const f of map) {
    const raw = data[f.webflowSlug]
    if (raw === undefined || raw === null || raw === '') continue
    const v = withSafeUrls(f, raw, dropped)
    if (v === undefined) continue
    switch (f.type) {
      case 'select': {
        const name = Object.entries(f.options ?? {}).find(([, id]) => id === v)?.[0]
        if (name) fields[f.hubSlug] = name
        break
      }
      case 'reference': {
        const id = toHubId(v as string)
        if (id) fields[f.hubSlug] = id
        break
      }
      case 'multiReference':
        fields[f.hubSlug] = (v as string[]).map(toHubId).filter(Boolean)
        break
      case 'image':
      case 'file':
        fields[f.hubSlug] = asset(v)
        break
      case 'images':
        fields[f.hubSlug] = (v as unknown[]).map(asset)
        break
      case 'date':
        fields[f.hubSlug] = new Date(v as string).toISOString()
        break
      default:
        fields[f.hubSlug] = v
    }
  }
  return { name: String(data.name ?? ''), slug: String(data.slug ?? ''), status: hubStatusOf(item), fields }
}

/**
 * Webflow keeps sub-states the hub collapses; they are kept on the item link as `webflowState`
 * (docs/webflow.md, Item states). `changes_queued`: live, with a newer staged edit that goes live at
 * the next publish (what a Designer edit of a published item is by default).
 */

type StateKeys = Pick<CollectionItem, 'isArchived' | 'isDraft' | 'lastPublished'> & { lastUpdated?: string }

export function webflowStateOf(item: StateKeys): WebflowState {
  if (item.isArchived) return 'archived'
  if (item.lastPublished) {
    if (item.isDraft) return 'changes_in_draft'
    const newer = item.lastUpdated && Date.parse(item.lastUpdated) > Date.parse(item.lastPublished)
    return newer ? 'changes_queued' : 'published'
  }
  return item.isDraft ? 'draft' : 'queued'
}

export function hubStatusOf(item: StateKeys): ItemStatus {
  const state = webflowStateOf(item)
  return state === 'archived' ? 'archived' : state === 'draft' ? 'draft' : 'published'
}

/**
 * The ids named by the reference fields of `map` in the records: hub ids when the records are keyed
 * by hub slug (hub content), Webflow ids when keyed by Webflow slug (Webflow's `fieldData`).
 */
export function referencedIds(
  map: FieldMapEntry[],
  records: Iterable<Record<string, unknown> | undefined>,
  key: 'hubSlug' | 'webflowSlug',
): string[] {
  const refFields = map.filter((f) => f.type === 'reference' || f.type === 'multiReference')
  if (!refFields.length) return []
  const ids = new Set<string>()
  for (const record of records)
    for (const f of refFields)
      for (const v of [record?.[f[key]]].flat()) if (typeof v === 'string') ids.add(v)
  return [...ids]
}

/** Whether Webflow's live site has the item. */
export function isLive(state: string | null | undefined): boolean {
  return state === 'published' || state === 'changes_in_draft' || state === 'changes_queued'
}

/** The value without its unsafe URLs (undefined when nothing is left); what goes is recorded. */
function withSafeUrls(f: FieldMapEntry, v: unknown, dropped: DroppedValue[]): unknown {
  const check = (url: unknown, kind: 'web' | 'link') => {
    const reason = typeof url === 'string' ? unsafeUrlReason(url, kind) : 'not a URL'
    if (reason) dropped.push({ field: f.hubSlug, value: url, reason })
    return !reason
  }
  switch (f.type) {
    case 'link':
      return check(v, 'link') ? v : undefined
    case 'video':
      return check(v, 'web') ? v : undefined
    case 'image':
    case 'file':
      return check((v as { url?: unknown }).url, 'web') ? v : undefined
    case 'images': {
      const kept = (v as { url?: unknown }[]).filter((a) => check(a?.url, 'web'))
      return kept.length ? kept : undefined
    }
    default:
      return v
  }
}

function asset(v: unknown): { url: string; alt?: string } {
  const a = v as { url: string; alt?: string | null }
  return a.alt ? { url: a.url, alt: a.alt } : { url: a.url }
}
