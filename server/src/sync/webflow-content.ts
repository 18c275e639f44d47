import type { CollectionItem } from '@bindery/shared/webflow'
import { sanitizeRichText } from '../content/sanitize-rich-text'
import type { Link } from '../db/links'
import { type DroppedValue, fromWebflow, type HubContent } from './field-map'

/**
 * A Webflow item in hub terms exactly as the pull stores it (rich text sanitised, whichever side it
 * comes from), so its hash is comparable with the item link's synced hash.
 */
export function webflowContentOf(
  link: Link,
  item: CollectionItem,
  hubIds: Map<string, string>,
  dropped?: DroppedValue[],
): HubContent {
  const c = fromWebflow(item, link.fieldMap, (id) => hubIds.get(id), dropped)
  for (const f of link.fieldMap) {
    const v = c.fields[f.hubSlug]
    if (f.type === 'richText' && typeof v === 'string') c.fields[f.hubSlug] = sanitizeRichText(v)
  }
  return c
}

/** Webflow ids referenced by the items' reference fields: translated to hub ids in one query. */
export function referencedWebflowIds(link: Link, items: Iterable<CollectionItem>): string[] {
  const refFields = link.fieldMap.filter((f) => f.type === 'reference' || f.type === 'multiReference')
  if (!refFields.length) return []
  const ids = new Set<string>()
  for (const item of items)
    for (const f of refFields)
      for (const v of [item.fieldData[f.webflowSlug]].flat()) if (typeof v === 'string') ids.add(v)
  return [...ids]
}
