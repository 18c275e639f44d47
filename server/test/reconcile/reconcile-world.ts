import type { DriftReport } from '@bindery/shared/api/reconcile'
import type { SimulatorOptionsInput } from '@bindery/sim/sim-options'
import { expect } from 'vitest'
import { DEMO, type SyncWorld, startSyncWorld, webflowItems } from '../sync/sync-world'

export { DEMO, webflowItems }

export type ReconcileWorld = SyncWorld & {
  /** Publishes a new hub collection of `count` items (every third a draft) over a link, then the site; settled. */
  publishLink: (
    slug: string,
    count: number,
    body?: object,
  ) => Promise<{ linkId: string; collectionId: string; webflowCollectionId: string }>
  /** Runs `fn` (Designer edits, API writes) with every webhook lost, as when Webflow gives up. */
  withWebhooksLost: (fn: () => unknown) => Promise<void>
  /** Queues a reconcile of the link, settles, and returns its drift report. */
  reconcile: (linkId: string) => Promise<DriftReport>
  hubItems: (collectionId: string) => Promise<HubItem[]>
}

export type HubItem = {
  id: string
  slug: string
  name: string
  status: string
  fields: Record<string, unknown>
}

export async function startReconcileWorld(
  env: Record<string, string> = {},
  sim: SimulatorOptionsInput = {},
): Promise<ReconcileWorld> {
  const world = await startSyncWorld(sim, env)
  const hubItems = async (collectionId: string): Promise<HubItem[]> => {
    const out: HubItem[] = []
    let cursor: string | undefined
    do {
      const page = (
        await world.content.call(
          'GET',
          `/collections/${collectionId}/items?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).json()
      out.push(...page.items)
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    return out
  }
  return {
    ...world,
    hubItems,
    publishLink: async (slug, count, body = {}) => {
      const collectionId = await world.content.createCollection(slug, [
        { slug: 'summary', name: 'Summary', type: 'text' },
      ])
      const items = Array.from({ length: count }, (_, i) => ({
        slug: `${slug}-${i}`,
        name: `${slug} ${i}`,
        status: i % 3 === 2 ? 'draft' : 'published',
        fields: { summary: `About ${slug} ${i}` },
      }))
      const bulk = await world.content.call('POST', `/collections/${collectionId}/items/bulk`, { items })
      expect(bulk.statusCode, bulk.body).toBe(200)
      const res = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
        mode: 'publish',
        hubCollectionId: collectionId,
        fields: ['summary'],
        ...body,
      })
      expect(res.statusCode, res.body).toBe(201)
      await world.settle()
      // The new collection goes live with a site publish (docs/webflow.md, New collections and the
      // site): the user publishes in the Designer, and Bindery finishes the live part.
      world.sim.control.designer.publishSite(DEMO.siteId)
      await world.settle()
      return { linkId: res.json().id, collectionId, webflowCollectionId: res.json().webflowCollectionId }
    },
    withWebhooksLost: async (fn) => {
      world.sim.control.setFaults({ webhooks: { loseRate: 1 } })
      try {
        await fn()
        await world.sim.control.webhooksIdle()
      } finally {
        world.sim.control.clearFaults()
      }
    },
    reconcile: async (linkId) => {
      await world.ctx.boss.send('link-reconcile', { linkId, trigger: 'manual' })
      await world.settle()
      const res = await world.admin('GET', `/sites/${DEMO.siteId}/links/${linkId}/drift`)
      expect(res.statusCode, res.body).toBe(200)
      return res.json().report
    },
  }
}
