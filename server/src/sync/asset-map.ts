import type { AssetRow } from '../db/item-assets'
import type { FieldMapEntry } from '../vocabulary/hub-content'
import {
  baseName,
  type HubAsset,
  hubAsset,
  imageSources,
  importedByFileId,
  importedByHubUrl,
  isAsset,
  swapImageSources,
  valueHash,
  type WebflowAsset,
} from './asset-values'
import type { FieldMemory } from './field-memory'

// Pure translation of asset and rich-text values between hub and Webflow terms, through what Bindery
// remembers of each field (item_assets, field_echoes). Webflow imports an asset URL and answers its own
// fileId and CDN url, or skips the file (docs/webflow.md "Images and files").

export const SKIPPED = 'Webflow did not import this file (unreachable, or larger than its limit)'

export function hasAssets(f: FieldMapEntry): boolean {
  return f.type === 'image' || f.type === 'file' || f.type === 'images' || f.type === 'richText'
}

const rowsOf = (m: FieldMemory, f: FieldMapEntry) => m.assets.filter((r) => r.field === f.hubSlug)

/** A hub value about to be sent: assets Webflow already holds go by their fileId and CDN url. */
export function knownAssetsToWebflow(f: FieldMapEntry, value: unknown, memory: FieldMemory): unknown {
  const rows = rowsOf(memory, f)
  if (!rows.length || value === null || value === undefined) return value
  const one = (a: unknown) => {
    if (!isAsset(a)) return a
    const row = importedByHubUrl(rows, a.url)
    return row?.webflowFileId ? { fileId: row.webflowFileId, url: row.webflowUrl, alt: a.alt ?? null } : a
  }
  if (f.type === 'image' || f.type === 'file') return one(value)
  if (f.type === 'images') return Array.isArray(value) ? value.map(one) : value
  if (f.type === 'richText' && typeof value === 'string')
    return swapImageSources(value, (src) => importedByHubUrl(rows, src)?.webflowUrl ?? undefined)
  return value
}

/**
 * A raw Webflow value → hub terms: the echo of a pushed value is the value pushed; a known asset is
 * the hub's URL; a file Webflow skipped still counts as the hub's (it was never deleted in Webflow).
 * Undefined means "no value".
 */
export function webflowValueToHub(f: FieldMapEntry, raw: unknown, memory: FieldMemory): unknown {
  const echo = memory.echoes.find((e) => e.field === f.hubSlug)
  if (echo && raw !== null && raw !== undefined && valueHash(raw) === echo.webflowHash) return echo.hubValue
  const rows = rowsOf(memory, f)
  const skipped = rows.filter((r) => r.status === 'skipped').sort((a, b) => a.position - b.position)
  if (f.type === 'image' || f.type === 'file') {
    const known = isAsset(raw) ? importedByFileId(rows, raw.fileId) : undefined
    const first = skipped[0]
    if (first && (!isAsset(raw) || known)) return hubAsset(first.hubUrl, first.hubAlt)
    if (!isAsset(raw)) return undefined
    return hubAsset(known ? known.hubUrl : raw.url, raw.alt)
  }
  if (f.type === 'images') {
    const list = (Array.isArray(raw) ? raw : []).filter(isAsset).map((w) => {
      const known = importedByFileId(rows, w.fileId)
      return { asset: hubAsset(known ? known.hubUrl : w.url, w.alt), known: !!known }
    })
    const out = list.map((x) => x.asset)
    // Webflow holds the hub's list minus what it skipped, unless someone changed it there since.
    if (skipped.length && list.every((x) => x.known))
      for (const s of skipped) out.splice(Math.min(s.position, out.length), 0, hubAsset(s.hubUrl, s.hubAlt))
    return out.length ? out : undefined
  }
  if (f.type === 'richText' && typeof raw === 'string' && raw !== '') {
    return swapImageSources(
      raw,
      (src) => rows.find((r) => r.status === 'imported' && r.webflowUrl === src)?.hubUrl,
    )
  }
  return raw === null || raw === '' ? undefined : raw
}

type Base = Pick<AssetRow, 'itemLinkId' | 'field' | 'kind'>

function row(b: Base, position: number, h: HubAsset, w: WebflowAsset | undefined): AssetRow {
  return {
    ...b,
    position,
    hubUrl: h.url,
    hubAlt: h.alt ?? null,
    hubHash: valueHash(h),
    webflowFileId: w?.fileId ?? null,
    webflowUrl: w?.url ?? null,
    status: w ? 'imported' : 'skipped',
    error: w ? null : SKIPPED,
  }
}

/** Which answered asset each sent hub asset became (undefined: skipped). */
function pairImages(sent: HubAsset[], answered: WebflowAsset[], old: AssetRow[]) {
  const pairs: (WebflowAsset | undefined)[] = sent.map(() => undefined)
  const used = new Set<number>()
  sent.forEach((h, i) => {
    const fileId = importedByHubUrl(old, h.url)?.webflowFileId
    const j = fileId ? answered.findIndex((w, k) => !used.has(k) && w.fileId === fileId) : -1
    if (j >= 0) {
      pairs[i] = answered[j]
      used.add(j)
    }
  })
  const restH = sent.map((_, i) => i).filter((i) => !pairs[i])
  const restW = answered
    .map((_, k) => k)
    .filter((k) => !used.has(k) && !importedByFileId(old, answered[k]?.fileId))
  if (restH.length === restW.length) {
    for (const [n, i] of restH.entries()) pairs[i] = answered[restW[n] as number]
  } else {
    // Some were skipped: Webflow's CDN name ends with the source's file name.
    for (const i of restH) {
      const name = baseName((sent[i] as HubAsset).url)
      const k = restW.find((k) => !used.has(k) && name && baseName(answered[k]?.url ?? '').endsWith(name))
      if (k !== undefined) {
        pairs[i] = answered[k]
        used.add(k)
      }
    }
  }
  return pairs
}

/** The asset rows of a field after Webflow answered a write of `sent` (hub terms) with `answered`. */
export function rowsFromAnswer(
  f: FieldMapEntry,
  itemLinkId: string,
  sent: unknown,
  answered: unknown,
  memory: FieldMemory,
): AssetRow[] {
  const old = rowsOf(memory, f)
  const b: Base = { itemLinkId, field: f.hubSlug, kind: f.type === 'file' ? 'file' : 'image' }
  if (f.type === 'image' || f.type === 'file') {
    if (!isAsset(sent)) return []
    const w = isAsset(answered) ? answered : undefined
    const sentFileId = importedByHubUrl(old, sent.url)?.webflowFileId
    // Webflow kept a file it held before: the new one was skipped (docs/webflow.md).
    const stale = w && !sentFileId ? importedByFileId(old, w.fileId) : undefined
    const current = row(b, 0, hubAsset(sent.url, sent.alt), stale ? undefined : w)
    return stale ? [current, { ...stale, position: 1 }] : [current]
  }
  if (f.type === 'images') {
    const hub = (Array.isArray(sent) ? sent : []).filter(isAsset).map((a) => hubAsset(a.url, a.alt))
    const pairs = pairImages(hub, (Array.isArray(answered) ? answered : []).filter(isAsset), old)
    return hub.map((h, i) => row(b, i, h, pairs[i]))
  }
  if (f.type === 'richText' && typeof sent === 'string' && typeof answered === 'string') {
    const mine = imageSources(sent)
    const theirs = imageSources(answered)
    if (mine.length !== theirs.length) return []
    return mine.flatMap((src, i) =>
      theirs[i] === src
        ? []
        : [row({ ...b, kind: 'richText' }, i, { url: src }, { url: theirs[i] as string })],
    )
  }
  return []
}

/** A field Webflow stored in another form than sent (rich text): remembered so its echo is recognised. */
export function echoFromAnswer(sent: unknown, answered: unknown) {
  if (typeof sent !== 'string' || typeof answered !== 'string' || sent === answered) return null
  return { webflowHash: valueHash(answered), hubValue: sent }
}

/**
 * Rows for a Webflow-side change of an asset field: Webflow's new assets become hub assets with their
 * CDN URL, so sending them back references them by fileId. Undefined when nothing new arrived.
 */
export function rowsFromPull(f: FieldMapEntry, itemLinkId: string, raw: unknown, memory: FieldMemory) {
  if (f.type !== 'image' && f.type !== 'file' && f.type !== 'images') return undefined
  const old = rowsOf(memory, f)
  const list = (Array.isArray(raw) ? raw : [raw]).filter(isAsset)
  if (list.every((w) => importedByFileId(old, w.fileId))) return undefined
  const b: Base = { itemLinkId, field: f.hubSlug, kind: f.type === 'file' ? 'file' : 'image' }
  return list.map((w, i) => {
    const known = importedByFileId(old, w.fileId)
    return { ...row(b, i, hubAsset(known ? known.hubUrl : w.url, w.alt), w) }
  })
}
