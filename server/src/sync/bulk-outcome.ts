import type { CollectionItem, PublishItemsResponse } from '@bindery/shared/webflow'
import { WebflowApiError } from '../webflow/webflow-api-error'

// Reading what Webflow did with a bulk request instead of assuming it did all of it
// (docs/webflow.md, Multi-item writes and Publishing items).

/**
 * The created item of each write, by slug: Webflow may answer in any order, or with one item for
 * many. A write missing from the answer is undefined; its outcome is settled by looking the slug up.
 */
export function matchCreated(slugs: string[], answered: CollectionItem[]): (CollectionItem | undefined)[] {
  const bySlug = new Map(answered.map((i) => [i.fieldData.slug, i]))
  return slugs.map((slug) => bySlug.get(slug))
}

/** Which ids a publish took live, and why each other one did not. */
export function publishOutcome(ids: string[], res: PublishItemsResponse) {
  const published = new Set(res.publishedItemIds)
  const failed = new Map<string, string>()
  for (const id of ids) {
    if (published.has(id)) continue
    const said = res.errors.find((e) => e.includes(id)) ?? res.errors.join('; ')
    failed.set(id, `Webflow did not publish the item${said ? `: ${said}` : ''}`)
  }
  return { published, failed }
}

/**
 * A bulk delete or unpublish where an id already gone (or not live) may fail the whole request with
 * a 404: the ids are then sent one by one, and a 404 for one id means it is done already.
 */
export async function eachOrGone(ids: string[], bulk: (ids: string[]) => Promise<unknown>): Promise<void> {
  if (!ids.length) return
  try {
    await bulk(ids)
    return
  } catch (err) {
    if (!WebflowApiError.notFound(err) || ids.length === 1) {
      if (WebflowApiError.notFound(err)) return
      throw err
    }
  }
  for (const id of ids) {
    await bulk([id]).catch((err) => {
      if (!WebflowApiError.notFound(err)) throw err
    })
  }
}
