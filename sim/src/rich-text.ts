import { cdnFileId, importAsset } from './asset-import.ts'
import type { SimContext } from './context.ts'

// Webflow stores rich text in its own markup (docs/webflow.md "Rich text"): code blocks sent
// through the API come back empty (documented); images sit in
// `<figure class="w-richtext-figure-type-image w-richtext-align-…" data-rt-type data-rt-align>`
// (from Webflow's exports, a switch); `<img>` sources are imported to the CDN (a switch).

const FIGURE = /<figure\b[\s\S]*?<\/figure>/gi
const PRE = /<pre\b([^>]*)>[\s\S]*?<\/pre>/gi
// An image alone in a paragraph replaces the paragraph, as in Webflow's editor.
const BARE_IMG = /<p>\s*(<img\b[^>]*>)\s*<\/p>|(<img\b[^>]*>)/gi
const IMG = /<img\b[^>]*>/gi
const SRC = /\bsrc\s*=\s*("([^"]*)"|'([^']*)')/i

function figure(img: string): string {
  return (
    '<figure class="w-richtext-figure-type-image w-richtext-align-fullwidth" data-rt-type="image" ' +
    `data-rt-align="fullwidth"><div>${img}</div></figure>`
  )
}

/** Applies `fn` to the parts of `html` outside `<figure>` elements. */
function outsideFigures(html: string, fn: (part: string) => string): string {
  let out = ''
  let last = 0
  for (const m of html.matchAll(FIGURE)) {
    out += fn(html.slice(last, m.index)) + m[0]
    last = (m.index ?? 0) + m[0].length
  }
  return out + fn(html.slice(last))
}

function rehost(ctx: SimContext, siteId: string, img: string): string {
  const m = SRC.exec(img)
  const src = m?.[2] ?? m?.[3]
  if (!src || !/^https?:\/\//i.test(src) || cdnFileId(src)) return img
  const result = importAsset(ctx, siteId, { url: src, alt: null }, 'image')
  // A source Webflow cannot fetch stays as written. [unconfirmed]
  return result.ok ? img.replace(src, result.asset.url) : img
}

/** Rich text as Webflow stores it after a write. */
export function normalizeRichText(ctx: SimContext, siteId: string, html: string): string {
  let out = html.replace(PRE, '<pre$1></pre>')
  if (ctx.config.richTextFigures) {
    out = outsideFigures(out, (part) =>
      part.replace(BARE_IMG, (_m, inP?: string, alone?: string) => figure((inP ?? alone) as string)),
    )
  }
  if (ctx.config.richTextImages === 'rehost') out = out.replace(IMG, (img) => rehost(ctx, siteId, img))
  return out
}
