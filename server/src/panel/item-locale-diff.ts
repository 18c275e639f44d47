import type { ItemSyncState } from '@bindery/shared/api/links'
import { getLocaleVersion } from '../db/hub-item-locales'
import type { HubItem } from '../db/hub-items'
import { hubIdsOf } from '../db/item-links'
import type { Link } from '../db/links'
import type { Queryable } from '../db/pool'
import { localesOfLink } from '../db/site-locales'
import { canonicalJson } from '../sync/content-hash'
import { localeContentOf, localePart, localizableMap } from '../sync/locale-content'
import { referencedWebflowIds, webflowContentOf } from '../sync/webflow-content'
import { WebflowApiError } from '../webflow/webflow-api-error'
import type { WebflowApi } from '../webflow/webflow-client'

/**
 * The diff of one secondary locale of an item: the hub's version of that locale against Webflow's
 * variant (read with `cmsLocaleId`). Null when the link does not sync that locale, so the caller
 * shows the primary.
 */
export async function itemLocaleDiff(
  db: Queryable,
  wf: WebflowApi,
  link: Link,
  hubItem: HubItem,
  webflowItemId: string,
  tag: string,
): Promise<ItemSyncState['diff'] | null> {
  const { secondary } = await localesOfLink(db, link.siteId, link.hubCollectionId)
  const cmsLocaleId = secondary.find((l) => l.tag === tag)?.cmsLocaleId
  if (!cmsLocaleId) return null
  const hub = localeContentOf(hubItem, await getLocaleVersion(db, hubItem.id, tag), link.fieldMap)
  const item = await wf.getItem(link.webflowCollectionId, webflowItemId, cmsLocaleId).catch((e) => {
    if (WebflowApiError.notFound(e)) return undefined
    throw e
  })
  if (!item) return [{ field: 'locale', hub: tag, webflow: null }]
  const refs = await hubIdsOf(db, referencedWebflowIds(link, [item]))
  const webflow = localePart(webflowContentOf(link, item, refs), link.fieldMap, hubItem.status)
  const pairs: [string, unknown, unknown][] = [
    ['name', hub.name, webflow.name],
    ['slug', hub.slug, webflow.slug],
    ...localizableMap(link.fieldMap).map((f): [string, unknown, unknown] => [
      f.hubSlug,
      hub.fields[f.hubSlug] ?? null,
      webflow.fields[f.hubSlug] ?? null,
    ]),
  ]
  return pairs
    .filter(([, h, w]) => canonicalJson(h) !== canonicalJson(w))
    .map(([field, h, w]) => ({ field, hub: h, webflow: w }))
}
