import type { CollectionItem } from '@bindery/shared/webflow'
import type { WebflowApi } from '../webflow/webflow-client'

export type WebflowSnapshot = {
  /** Every staged item, by id. */
  staged: Map<string, CollectionItem>
  /** Every live (published) item, by id. */
  live: Map<string, CollectionItem>
}

const PAGE = 100
// Pages in flight at once: the rate gate paces them anyway; this only hides latency when it can.
const CONCURRENCY = 4

/**
 * Reads a whole collection into memory, staged and live: for the dry run's plans. A reconcile
 * streams the pages instead (eachListPage).
 */
export async function webflowSnapshot(
  wf: WebflowApi,
  collectionId: string,
  o: { live: boolean } = { live: true },
): Promise<WebflowSnapshot> {
  const staged = new Map<string, CollectionItem>()
  const live = new Map<string, CollectionItem>()
  await Promise.all([
    eachListPage(wf, collectionId, false, async (items) => {
      for (const item of items) staged.set(item.id, item)
    }),
    o.live
      ? eachListPage(wf, collectionId, true, async (items) => {
          for (const item of items) live.set(item.id, item)
        })
      : undefined,
  ])
  return { staged, live }
}

/**
 * Lists a collection (staged, or live) at 100 items a request, a few pages in flight, handing each
 * page to `onPage` as it comes with the offset it was listed at; returns how many items the listing
 * said it had. Offsets shift if items are created or deleted meanwhile, so an item can be seen twice
 * or missed; callers confirm an absence before acting on it.
 */
export async function eachListPage(
  wf: WebflowApi,
  collectionId: string,
  live: boolean,
  onPage: (items: CollectionItem[], offset: number) => Promise<void>,
): Promise<number> {
  const first = await wf.listItems(collectionId, { offset: 0, limit: PAGE, live })
  await onPage(first.items, 0)
  const offsets: number[] = []
  for (let o = PAGE; o < first.pagination.total; o += PAGE) offsets.push(o)
  const workers = Array.from({ length: Math.min(CONCURRENCY, offsets.length) }, async () => {
    for (let o = offsets.shift(); o !== undefined; o = offsets.shift()) {
      const page = await wf.listItems(collectionId, { offset: o, limit: PAGE, live })
      await onPage(page.items, o)
    }
  })
  await Promise.all(workers)
  return first.pagination.total
}
