import { createHash } from 'node:crypto'
import type { AssetRow } from '../db/item-assets'
import { canonicalJson } from './content-hash'

// Asset values in hub and Webflow terms, and rich-text `<img>` sources (docs/webflow.md "Images and files").

/** An asset as the hub stores it. */
export type HubAsset = { url: string; alt?: string }
/** An asset as Webflow answers it. */
export type WebflowAsset = { fileId?: string | null; url: string; alt?: string | null }

export function hubAsset(url: string, alt: string | null | undefined): HubAsset {
  return alt ? { url, alt } : { url }
}

/** A short hash of any JSON value (an asset, a field's stored form). */
export function valueHash(v: unknown): string {
  return createHash('sha256').update(canonicalJson(v)).digest('hex').slice(0, 32)
}

export function isAsset(v: unknown): v is WebflowAsset {
  return typeof v === 'object' && v !== null && typeof (v as { url?: unknown }).url === 'string'
}

const IMG_SRC = /(<img\b[^>]*?\bsrc\s*=\s*)("([^"]*)"|'([^']*)')/gi

/** The http(s) `<img>` sources of rich text, in document order. */
export function imageSources(html: string): string[] {
  const out: string[] = []
  for (const m of html.matchAll(IMG_SRC)) {
    const src = m[3] ?? m[4] ?? ''
    if (/^https?:\/\//i.test(src)) out.push(src)
  }
  return out
}

/** Rich text with each `<img>` source replaced through `swap` (unchanged where it answers undefined). */
export function swapImageSources(html: string, swap: (src: string) => string | undefined): string {
  return html.replace(IMG_SRC, (whole, head: string, _q: string, dq?: string, sq?: string) => {
    const src = dq ?? sq ?? ''
    const next = swap(src)
    return next === undefined ? whole : `${head}"${next.replaceAll('"', '&quot;')}"`
  })
}

/** The imported asset row mapping a hub URL, if Webflow holds that asset. */
export function importedByHubUrl(rows: AssetRow[], url: string): AssetRow | undefined {
  return rows.find((r) => r.status === 'imported' && r.hubUrl === url)
}

export function importedByFileId(rows: AssetRow[], fileId: string | null | undefined): AssetRow | undefined {
  return fileId ? rows.find((r) => r.status === 'imported' && r.webflowFileId === fileId) : undefined
}

/** The last path segment of a URL, decoded ('' when there is none). */
export function baseName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '')
  } catch {
    return ''
  }
}
