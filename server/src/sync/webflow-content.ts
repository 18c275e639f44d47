import type { CollectionItem } from '@bindery/shared/webflow'
import type { Link } from '../db/links'
import type { FieldMapEntry, HubContent } from '../vocabulary/hub-content'
import { sanitizeRichText } from '../vocabulary/sanitize-rich-text'
import { hasAssets, webflowValueToHub } from './asset-map'
import { type DroppedValue, fromWebflow, referencedIds } from './field-map'
import { type FieldMemory, NO_MEMORY } from './field-memory'

/**
 * A Webflow item in hub terms exactly as the pull stores it (rich text sanitised, whichever side it
 * comes from), so its hash is comparable with the item link's synced hash. Assets and rich text go
 * through the item link's field memory: the echo of a push reads as what was pushed, Webflow's copy
 * of a hub image as the hub's URL, and a file Webflow skipped as still there.
 */
export function webflowContentOf(
  link: Link,
  item: CollectionItem,
  hubIds: Map<string, string>,
  dropped?: DroppedValue[],
  memory: FieldMemory = NO_MEMORY,
): HubContent {
  const c = fromWebflow(item, link.fieldMap, (id) => hubIds.get(id), dropped)
  for (const f of link.fieldMap) {
    if (hasAssets(f)) {
      const v = webflowValueToHub(f, safeRaw(f, item.fieldData[f.webflowSlug], c.fields[f.hubSlug]), memory)
      if (v === undefined) delete c.fields[f.hubSlug]
      else c.fields[f.hubSlug] = v
    }
    const v = c.fields[f.hubSlug]
    if (f.type === 'richText' && typeof v === 'string') c.fields[f.hubSlug] = sanitizeRichText(v)
  }
  return c
}

/** Webflow's raw asset value without what `fromWebflow` dropped as unsafe (it keeps the fileIds). */
function safeRaw(f: FieldMapEntry, raw: unknown, kept: unknown): unknown {
  if (f.type === 'image' || f.type === 'file') return kept === undefined ? null : raw
  if (f.type === 'images' && Array.isArray(raw)) {
    const urls = new Set((Array.isArray(kept) ? kept : []).map((a: { url: string }) => a.url))
    return raw.filter((a: { url?: unknown }) => urls.has(a?.url as string))
  }
  return raw
}

/** Webflow ids referenced by the items' reference fields: translated to hub ids in one query. */
export function referencedWebflowIds(link: Link, items: Iterable<CollectionItem>): string[] {
  return referencedIds(
    link.fieldMap,
    [...items].map((i) => i.fieldData as Record<string, unknown>),
    'webflowSlug',
  )
}
