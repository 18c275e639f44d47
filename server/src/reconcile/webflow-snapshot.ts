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
 * Reads a whole collection, staged and live, at 100 items a request: one request per 100 staged
 * items plus one per 100 live ones. Offsets shift if items are created or deleted meanwhile, so an
 * item can be seen twice (kept once) or missed; callers confirm an absence before acting on it.
 */
export async function webflowSnapshot(
  wf: WebflowApi,
  collectionId: string,
  o: { live: boolean } = { live: true },
): Promise<WebflowSnapshot> {
  const [staged, live] = await Promise.all([
    readAll(wf, collectionId, false),
    o.live ? readAll(wf, collectionId, true) : new Map<string, CollectionItem>(),
  ])
  return { staged, live }
}

async function readAll(wf: WebflowApi, collectionId: string, live: boolean) {
  const out = new Map<string, CollectionItem>()
  const first = await wf.listItems(collectionId, { offset: 0, limit: PAGE, live })
  for (const item of first.items) out.set(item.id, item)
  const offsets: number[] = []
  for (let o = PAGE; o < first.pagination.total; o += PAGE) offsets.push(o)
  const workers = Array.from({ length: Math.min(CONCURRENCY, offsets.length) }, async () => {
    for (let o = offsets.shift(); o !== undefined; o = offsets.shift()) {
      const page = await wf.listItems(collectionId, { offset: o, limit: PAGE, live })
      for (const item of page.items) out.set(item.id, item)
    }
  })
  await Promise.all(workers)
  return out
}
