import type { CollectionItem } from '@bindery/shared/webflow'
import type { WebflowApi } from '../webflow/webflow-client'

/**
 * Finds Webflow items by slug: a few at a time by slug filter, many at once from the newest page
 * (a create that just happened is there), then the filter for what the page missed.
 */
export async function findBySlug(
  wf: WebflowApi,
  collectionId: string,
  slugs: string[],
): Promise<Map<string, CollectionItem>> {
  const found = new Map<string, CollectionItem>()
  const wanted = new Set(slugs)
  if (wanted.size > 3) {
    const page = await wf.listItems(collectionId, { limit: 100, sortBy: 'createdOn', sortOrder: 'desc' })
    for (const item of page.items) if (wanted.has(item.fieldData.slug)) found.set(item.fieldData.slug, item)
  }
  for (const slug of wanted) {
    if (found.has(slug)) continue
    const { items } = await wf.listItems(collectionId, { slug, limit: 1 })
    if (items[0]) found.set(slug, items[0])
  }
  return found
}
