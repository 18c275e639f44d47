import type { SimContext } from './context.ts'
import { newId } from './ids.ts'

// Webflow imports an Image/File `{url}` value: it downloads the file and answers its own `fileId`
// and a CDN `url`; an existing asset is reused by its `fileId` (docs/webflow.md "Images and files").
// The simulator never goes on the network: a source URL says what Webflow would find there through
// its query string (`sim-unreachable=1`, `sim-bytes=<size>`); anything else is a small, reachable file.

export const CDN_HOST = 'cdn.prod.website-files.com'
const DEFAULT_BYTES = 120_000

export type AssetKind = 'image' | 'file'
export type Asset = { fileId: string; url: string; alt: string | null }
export type Import = { ok: true; asset: Asset; imported: boolean } | { ok: false; reason: string }

/** The asset id of a URL on the simulated CDN (`https://cdn…/<siteId>/<fileId>_<name>`), if it is one. */
export function cdnFileId(url: string): string | undefined {
  try {
    const u = new URL(url)
    if (u.hostname !== CDN_HOST) return undefined
    return /^\/[0-9a-f]{24}\/([0-9a-f]{24})_/.exec(u.pathname)?.[1]
  } catch {
    return undefined
  }
}

export function cdnUrl(siteId: string, fileId: string, sourceUrl: string): string {
  const name = decodeURIComponent(new URL(sourceUrl).pathname.split('/').pop() || 'file') || 'file'
  return `https://${CDN_HOST}/${siteId}/${fileId}_${encodeURIComponent(name)}`
}

/** Why Webflow could not import the file at `url`, or undefined when it could. */
function importProblem(ctx: SimContext, url: URL, kind: AssetKind): string | undefined {
  if (url.searchParams.get('sim-unreachable') === '1') return `could not fetch ${url.origin}${url.pathname}`
  const bytes = Number(url.searchParams.get('sim-bytes') ?? DEFAULT_BYTES)
  const max = kind === 'image' ? ctx.config.imageMaxBytes : ctx.config.fileMaxBytes
  if (bytes > max) return `file is larger than ${max} bytes`
  return undefined
}

/** Imports (or reuses) one asset value that already passed the shape checks. */
export function importAsset(
  ctx: SimContext,
  siteId: string,
  value: { url: string; fileId?: unknown; alt: string | null },
  kind: AssetKind,
): Import {
  const known = typeof value.fileId === 'string' ? value.fileId : cdnFileId(value.url)
  if (known) {
    // An asset Webflow already holds: referenced by its id, not downloaded again.
    const url = cdnFileId(value.url) === known ? value.url : cdnUrl(siteId, known, value.url)
    ctx.assetEvent('reused')
    return { ok: true, imported: false, asset: { fileId: known, url, alt: value.alt } }
  }
  const problem = importProblem(ctx, new URL(value.url), kind)
  if (problem) {
    ctx.assetEvent('skipped')
    return { ok: false, reason: problem }
  }
  ctx.assetEvent('imported')
  const fileId = newId()
  return {
    ok: true,
    imported: true,
    asset: { fileId, url: cdnUrl(siteId, fileId, value.url), alt: value.alt },
  }
}
