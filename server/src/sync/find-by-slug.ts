import type { CollectionItem } from '@bindery/shared/webflow'
import type { WebflowApi } from '../webflow/webflow-client'

/** What a lookup learned of one slug: its Webflow item, or undefined when Webflow has none. */
export type SlugAnswer = (slug: string, item: CollectionItem | undefined) => Promise<void>

/**
 * Finds Webflow items by slug: a few at a time by slug filter, many at once from the newest page
 * (a create that just happened is there), then the filter for what the page missed.
 *
 * `onAnswer` hears each slug as soon as its answer is certain, before the next request: a caller
 * that records it there keeps what it learned when a later request throws (a push giving its slot
 * back until its budget allows, README "Scheduling"), instead of asking for every slug again.
 */
export async function findBySlug(
  wf: WebflowApi,
  collectionId: string,
  slugs: string[],
  onAnswer: SlugAnswer = async () => {},
): Promise<Map<string, CollectionItem>> {
  const found = new Map<string, CollectionItem>()
  const wanted = new Set(slugs)
  if (wanted.size > 3) {
    const page = await wf.listItems(collectionId, { limit: 100, sortBy: 'createdOn', sortOrder: 'desc' })
    for (const item of page.items) if (wanted.has(item.fieldData.slug)) found.set(item.fieldData.slug, item)
    for (const [slug, item] of found) await onAnswer(slug, item)
  }
  for (const slug of wanted) {
    if (found.has(slug)) continue
    const { items } = await wf.listItems(collectionId, { slug, limit: 1 })
    if (items[0]) found.set(slug, items[0])
    await onAnswer(slug, items[0])
  }
  return found
}
