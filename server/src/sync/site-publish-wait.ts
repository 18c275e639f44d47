import type { Boss } from '../context/boss'
import { enqueue } from '../context/enqueue'
import { markPublishedNotLiveDirty, markQueuedLive } from '../db/item-links'
import { finishSitePublishWait, type Link, noteSitePublishNeeded } from '../db/links'
import type { Queryable, Tx } from '../db/pool'
import type { WebflowApi } from '../webflow/webflow-client'
import type { PushPlan } from './push-plan'

// A collection Bindery creates in Webflow goes live only with a site publish (docs/webflow.md, New
// collections and the site). Until one happens its link creates and updates items staged, published
// ones queued (isDraft:false, which a site publish takes live); the live part finishes after it.

export const SITE_PUBLISH_NEEDED =
  'The new collection goes live with the next site publish: publish the site once in Webflow (or let Bindery publish it) and its published items follow.'

/** While the collection waits for a site publish nothing is written live or published by id. */
export function holdLivePart(plan: PushPlan, link: Pick<Link, 'awaitingSitePublish'>): PushPlan {
  if (!link.awaitingSitePublish) return plan
  return {
    ...plan,
    createLive: [],
    createStaged: [...plan.createStaged, ...plan.createLive],
    updateLive: [],
    updateStaged: [...plan.updateStaged, ...plan.updateLive],
    unpublish: [],
    publish: [],
    // Nothing to publish by id yet: the site publish takes these live.
    publishOnly: [],
    clean: [...plan.clean, ...plan.publishOnly],
  }
}

/** Says on the link that the site must be published once, unless Bindery publishes it itself. */
export async function reportSitePublishNeeded(db: Queryable, link: Link, binderyPublishes: boolean) {
  if (!link.awaitingSitePublish || binderyPublishes) return
  await noteSitePublishNeeded(db, link.id, SITE_PUBLISH_NEEDED)
}

/**
 * The site was published (its site_publish event, or Bindery's own publish): links waiting for it
 * push their published items that are not live yet.
 */
export async function finishAfterSitePublish(tx: Tx, boss: Boss, siteId: string): Promise<string[]> {
  const ids = await finishSitePublishWait(tx, siteId, SITE_PUBLISH_NEEDED)
  for (const id of ids) {
    await markPublishedNotLiveDirty(tx, id)
    await enqueue({ boss }, 'link-push', { linkId: id }, { tx })
  }
  return ids
}

/**
 * Of items the hub has published and Webflow had not, those a site publish has taken live since:
 * read from Webflow's live list (a request per 100 items) rather than published again. One push reads
 * the list at most once, resuming where the last call stopped; every queued item of the link seen live
 * on the way is recorded as published, so later rounds of the push find it clean (issue 17: a big
 * collection costs one pass, not one per round).
 */
export function liveChecker(db: Queryable, wf: WebflowApi, link: Pick<Link, 'id' | 'webflowCollectionId'>) {
  let offset = 0
  let total = Number.POSITIVE_INFINITY
  return async (ids: string[]): Promise<Set<string>> => {
    const wanted = new Set(ids)
    const live = new Set<string>()
    while (live.size < wanted.size && offset < total) {
      const page = await wf.listItems(link.webflowCollectionId, { live: true, offset, limit: 100 })
      offset += 100
      total = page.items.length ? page.pagination.total : 0
      await markQueuedLive(
        db,
        link.id,
        page.items.map((i) => i.id),
      )
      for (const item of page.items) if (wanted.has(item.id)) live.add(item.id)
    }
    return live
  }
}
