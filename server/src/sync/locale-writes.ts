import type { CollectionItem } from '@bindery/shared/webflow'
import { WebflowApiError } from '../webflow/webflow-api-error'
import type { ItemWrite, WebflowApi } from '../webflow/webflow-client'

/**
 * Creates items on a localized link: one bulk request per status makes each item in every locale the
 * link syncs, with the primary content (docs/webflow.md "Localization": create in all locales, then
 * write each translation). Answers the primary versions in input order, as the single create does;
 * `live` publishes every locale after.
 */
export async function createInLocales(
  wf: WebflowApi,
  collectionId: string,
  writes: ItemWrite[],
  cmsLocaleIds: string[],
  live: boolean,
): Promise<{ items: CollectionItem[] }> {
  const primary = cmsLocaleIds[0]
  const out: CollectionItem[] = new Array(writes.length)
  const groups = new Map<string, number[]>()
  writes.forEach((w, i) => {
    const key = `${w.isDraft ?? true}:${w.isArchived ?? false}`
    groups.set(key, [...(groups.get(key) ?? []), i])
  })
  for (const [key, indexes] of groups) {
    const [isDraft, isArchived] = key.split(':').map((x) => x === 'true') as [boolean, boolean]
    const res = await wf.createItemsInLocales(collectionId, {
      cmsLocaleIds,
      fieldData: indexes.map((i) => writes[i]!.fieldData),
      isDraft,
      isArchived,
    })
    const primaries = res.items.filter((it) => !it.cmsLocaleId || it.cmsLocaleId === primary)
    indexes.forEach((i, j) => {
      out[i] = primaries[j]!
    })
  }
  if (live) {
    const { publishedItemIds } = await wf.publishItems(
      collectionId,
      out.map((i) => i.id),
      cmsLocaleIds,
    )
    // The create answered before the publish: record these as Webflow now has them, published.
    const published = new Set(publishedItemIds)
    out.forEach((item, i) => {
      if (published.has(item.id)) out[i] = { ...item, isDraft: false, lastPublished: item.lastUpdated }
    })
  }
  return { items: out }
}

/**
 * Unpublishes every locale the link syncs. A locale that is not live (never published, or made in
 * the primary only) makes Webflow refuse the request; the primary is then unpublished alone.
 */
export async function unpublishInLocales(
  wf: WebflowApi,
  collectionId: string,
  ids: string[],
  cmsLocaleIds: string[] | null,
) {
  try {
    await wf.unpublishItems(collectionId, ids, cmsLocaleIds)
  } catch (err) {
    if (!(cmsLocaleIds && WebflowApiError.notFound(err))) throw err
    await wf.unpublishItems(collectionId, ids)
  }
}
