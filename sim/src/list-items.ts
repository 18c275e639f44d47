import type { ItemList } from '@bindery/shared/webflow'
import { validationError } from './errors.ts'
import { primaryLocale } from './item-common.ts'
import { toItem } from './serialize.ts'
import { type CollectionRec, type ItemRec, type ItemVersion, type SiteRec, versionSets } from './store.ts'

type Query = Record<string, string | string[] | undefined>

interface Row {
  id: string
  cmsLocaleId: string
  v: ItemVersion
}

const dateKeys = ['createdOn', 'lastPublished', 'lastUpdated'] as const
const sortKeys = new Set(['createdOn', 'lastPublished', 'lastUpdated', 'name', 'slug'])

function intParam(q: Query, key: string, fallback: number, max: number): number {
  const raw = q[key]
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw validationError([{ param: key, description: `Must be an integer between 0 and ${max}` }])
  }
  return n
}

function dateBound(q: Query, key: string): number | undefined {
  const raw = q[key]
  if (raw === undefined) return undefined
  const ms = Date.parse(String(raw))
  if (Number.isNaN(ms)) throw validationError([{ param: key, description: 'Expected an ISO 8601 date' }])
  return ms
}

/**
 * GET …/items and …/items/live (docs/webflow.md, Locales). Query keys arrive raw from the URL
 * (`lastUpdated[gte]` stays a flat key), which keeps the unfiltered hot path a plain slice.
 */
export function listItems(site: SiteRec, c: CollectionRec, q: Query, live: boolean): ItemList {
  const limit = intParam(q, 'limit', 100, 100)
  const offset = intParam(q, 'offset', 0, Number.MAX_SAFE_INTEGER)
  const locales = q.cmsLocaleId ? String(q.cmsLocaleId).split(',') : [primaryLocale(site)]
  const filters: ((r: Row) => boolean)[] = []
  if (q.name !== undefined) filters.push((r) => r.v.fieldData.name === q.name)
  if (q.slug !== undefined) filters.push((r) => r.v.fieldData.slug === q.slug)
  for (const key of dateKeys) {
    const gte = dateBound(q, `${key}[gte]`)
    const lte = dateBound(q, `${key}[lte]`)
    if (gte !== undefined) filters.push((r) => r.v[key] !== null && (r.v[key] as number) >= gte)
    if (lte !== undefined) filters.push((r) => r.v[key] !== null && (r.v[key] as number) <= lte)
  }
  const sortBy = q.sortBy === undefined ? undefined : String(q.sortBy)
  // The unfiltered, unsorted list (every paging pass of a sync) builds only the page it answers: a
  // page of a big collection costs a count, not a copy of the collection.
  if (!filters.length && sortBy === undefined) return plainPage(c, locales, live, offset, limit)
  const rows: Row[] = []
  for (const row of rowsOf(c, locales, live)) if (filters.every((f) => f(row))) rows.push(row)
  if (sortBy !== undefined) {
    if (!sortKeys.has(sortBy))
      throw validationError([{ param: 'sortBy', description: 'Unsupported sort field' }])
    const dir = q.sortOrder === 'desc' ? -1 : 1
    const value = (r: Row): string | number =>
      sortBy === 'name' || sortBy === 'slug'
        ? String(r.v.fieldData[sortBy] ?? '')
        : ((r.v[sortBy as (typeof dateKeys)[number]] as number | null) ?? 0)
    rows.sort((a, b) => {
      const x = value(a)
      const y = value(b)
      return x < y ? -dir : x > y ? dir : 0
    })
  }
  return {
    items: rows.slice(offset, offset + limit).map((r) => toItem(r.id, r.cmsLocaleId, r.v)),
    pagination: { limit, offset, total: rows.length },
  }
}

/** The item's version in one locale, staged or live; empty when it has none. */
function versionOf(item: ItemRec, cmsLocaleId: string, live: boolean): ItemVersion | null | undefined {
  const variant = item.variants.get(cmsLocaleId)
  return live ? variant?.live : variant?.staged
}

/** The collection's items in each asked locale, in the list's order, skipping what has no such version. */
function* rowsOf(c: CollectionRec, locales: string[], live: boolean): Generator<Row> {
  for (const item of c.items.values()) {
    for (const cmsLocaleId of locales) {
      const v = versionOf(item, cmsLocaleId, live)
      if (v) yield { id: item.id, cmsLocaleId, v }
    }
  }
}

/** One page of the unfiltered list: only the page's versions are serialised. */
function plainPage(
  c: CollectionRec,
  locales: string[],
  live: boolean,
  offset: number,
  limit: number,
): ItemList {
  const rows = listOrder(c, locales, live)
  const items = rows
    .slice(offset, offset + limit)
    .map(([item, cmsLocaleId]) => toItem(item.id, cmsLocaleId, versionOf(item, cmsLocaleId, live)!))
  return { items, pagination: { limit, offset, total: rows.length } }
}

type Order = { revision: number; rows: [ItemRec, string][] }
const orders = new WeakMap<CollectionRec, Map<string, Order>>()

/**
 * The unfiltered list's order (items with a version in the asked locales), kept until a version
 * appears or goes anywhere (`versionSets`): a paging pass over a big collection costs one walk of it,
 * not one per page. The versions themselves are read when a page is served.
 */
function listOrder(c: CollectionRec, locales: string[], live: boolean): [ItemRec, string][] {
  const key = `${live}|${locales.join(',')}`
  const byKey = orders.get(c) ?? new Map<string, Order>()
  orders.set(c, byKey)
  const cached = byKey.get(key)
  if (cached?.revision === versionSets.revision) return cached.rows
  const rows: [ItemRec, string][] = []
  for (const item of c.items.values()) {
    for (const cmsLocaleId of locales) if (versionOf(item, cmsLocaleId, live)) rows.push([item, cmsLocaleId])
  }
  byKey.set(key, { revision: versionSets.revision, rows })
  return rows
}
