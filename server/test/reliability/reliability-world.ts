import { expect } from 'vitest'
import { DEMO, type SyncWorld, startSyncWorld } from '../sync/sync-world'

export { DEMO }

export type LinkedCollection = {
  collectionId: string
  linkId: string
  webflowCollectionId: string
  itemIds: string[]
}

/** The sync world with one hub collection of `count` items published to Webflow and settled. */
export async function linkedCollection(world: SyncWorld, slug: string, count = 3): Promise<LinkedCollection> {
  const collectionId = await world.content.createCollection(slug, [
    { slug: 'summary', name: 'Summary', type: 'text' },
  ])
  const itemIds: string[] = []
  for (let i = 0; i < count; i++) {
    const res = await world.content.call('POST', `/collections/${collectionId}/items`, {
      slug: `${slug}-${i}`,
      name: `${slug} ${i}`,
      status: 'published',
      fields: { summary: `item ${i}` },
    })
    expect(res.statusCode).toBe(201)
    itemIds.push(res.json().id)
  }
  const link = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
    mode: 'publish',
    hubCollectionId: collectionId,
    fields: ['summary'],
  })
  expect(link.statusCode).toBe(201)
  return {
    collectionId,
    linkId: link.json().id,
    webflowCollectionId: link.json().webflowCollectionId,
    itemIds,
  }
}

export { startSyncWorld }

/** Webflow requests made since `since` (a counters snapshot). */
export function requestsSince(world: SyncWorld, since: number): number {
  return world.sim.control.counters().requests.total - since
}
