import type { Actor, HistoryEntry } from '@bindery/shared/api/history'
import type { AuditRow } from '../db/audit-log'
import type { HubContent } from '../vocabulary/hub-content'
import { canonicalJson } from './content-hash'

/**
 * Reading an item's audit rows as versions: who changed what, and the item's whole state after a
 * change where the row holds it. Pure: the history route and both restores build on it.
 */

/** The item's state after a row: its content, deleted, or unknown (the row does not hold it). */
export type StateAfter = { content: HubContent; covers: 'all' | 'mapped' } | { deleted: true } | null

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A full item snapshot (content-API `itemJson`, or a `HubContent`) as content; null when it is not one. */
function contentOf(v: unknown): HubContent | null {
  if (!isObject(v) || typeof v.slug !== 'string' || typeof v.name !== 'string' || !isObject(v.fields))
    return null
  if (v.status !== 'draft' && v.status !== 'published' && v.status !== 'archived') return null
  return { name: v.name, slug: v.slug, status: v.status, fields: v.fields }
}

/**
 * What the item looked like after the row. Content-API rows and restores carry every hub field
 * (`covers: 'all'`); pulled rows carry the link's mapped fields only (`covers: 'mapped'`).
 */
export function stateAfter(
  row: Pick<AuditRow, 'direction' | 'action' | 'after' | 'subjectType'>,
): StateAfter {
  if (row.subjectType !== 'hub_item') return null
  if (row.action === 'item.delete' || row.action === 'hub.delete') return { deleted: true }
  if (row.direction === 'content') {
    if (!row.action.startsWith('item.') || row.action.startsWith('item.locale')) return null
    const c = contentOf(row.after)
    return c ? { content: c, covers: 'all' } : null
  }
  if (row.direction === 'pull' && ['hub.update', 'hub.create', 'hub.archive'].includes(row.action)) {
    const c = contentOf(row.after)
    return c ? { content: c, covers: 'mapped' } : null
  }
  if (
    row.direction === 'admin' &&
    ['item.restore_version', 'hold.restore', 'conflict.resolve'].includes(row.action)
  ) {
    const c = contentOf(isObject(row.after) && 'content' in row.after ? row.after.content : row.after)
    return c ? { content: c, covers: row.action === 'conflict.resolve' ? 'mapped' : 'all' } : null
  }
  return null
}

/** Field by field, what a row changed (`name`, `slug`, `status`, then hub or Webflow field slugs). */
export function changesOf(row: Pick<AuditRow, 'before' | 'after' | 'action'>) {
  const before = contentOf(row.before) ?? contentOf(isObject(row.before) ? row.before.content : null)
  const after = contentOf(row.after) ?? contentOf(isObject(row.after) ? row.after.content : null)
  if (before || after) return diff(before, after)
  // A push records the Webflow fieldData it sent: what was written, not what it replaced.
  if (row.action.startsWith('webflow.') && isObject(row.after))
    return Object.entries(row.after).map(([field, value]) => ({ field, before: null, after: value }))
  return []
}

export function diff(before: HubContent | null, after: HubContent | null) {
  const out: { field: string; before: unknown; after: unknown }[] = []
  const put = (field: string, b: unknown, a: unknown) => {
    if (canonicalJson(b ?? null) !== canonicalJson(a ?? null))
      out.push({ field, before: b ?? null, after: a ?? null })
  }
  put('name', before?.name, after?.name)
  put('slug', before?.slug, after?.slug)
  put('status', before?.status, after?.status)
  const keys = new Set([...Object.keys(before?.fields ?? {}), ...Object.keys(after?.fields ?? {})])
  for (const k of [...keys].sort()) put(k, before?.fields[k], after?.fields[k])
  return out
}

/** `designer:Ada` → designer Ada; rows older than the actor column are attributed by direction. */
export function actorOf(row: Pick<AuditRow, 'actor' | 'direction'>): Actor {
  const a = row.actor
  if (a?.startsWith('designer:')) return { kind: 'designer', name: a.slice('designer:'.length) }
  if (a?.startsWith('api-key:')) return { kind: 'api-key', name: a.slice('api-key:'.length) }
  if (a === 'admin' || (!a && row.direction === 'admin')) return { kind: 'admin', name: 'support' }
  if (!a && row.direction === 'content') return { kind: 'api-key', name: 'unknown key' }
  return { kind: 'bindery', name: 'Bindery' }
}

/** Where the change was made: pulled rows came from Webflow; pushes carried the hub's change there. */
export function sideOf(row: Pick<AuditRow, 'direction' | 'subjectType'>): 'hub' | 'webflow' {
  return row.direction === 'pull' || row.subjectType === 'webflow_item' ? 'webflow' : 'hub'
}

export function historyEntry(row: AuditRow): HistoryEntry {
  const state = stateAfter(row)
  return {
    id: row.id,
    at: row.at.toISOString(),
    side: sideOf(row),
    actor: actorOf(row),
    action: row.action,
    changes: changesOf(row),
    restorable: !!state && 'content' in state,
  }
}

/**
 * The content a restore writes: the item's current content with the version's values, for every
 * field the version covers (or only `fields`). A field the version has no value for is cleared.
 */
export function restoredContent(
  current: HubContent,
  version: { content: HubContent; covers: 'all' | 'mapped' },
  mapped: string[],
  fields?: string[],
): { content: HubContent; changed: string[] } {
  const next: HubContent = structuredClone(current)
  const v = version.content
  const coveredFields =
    version.covers === 'all'
      ? new Set([...Object.keys(current.fields), ...Object.keys(v.fields)])
      : new Set(mapped)
  const wanted = fields ?? ['name', 'slug', 'status', ...coveredFields]
  for (const f of wanted) {
    if (f === 'name' || f === 'slug') next[f] = v[f]
    else if (f === 'status') next.status = v.status
    else if (v.fields[f] === undefined || v.fields[f] === null) delete next.fields[f]
    else next.fields[f] = v.fields[f]
  }
  return { content: next, changed: diff(current, next).map((c) => c.field) }
}
