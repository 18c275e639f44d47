import type { SimulatorOptionsInput } from '@bindery/sim/sim-options'
import type { Response as LightResponse } from 'light-my-request'
import { expect } from 'vitest'
import { WebflowClient } from 'webflow-api'
import { contentClient } from '../content/content-client'
import { adminApi, publishLink } from '../helpers/test-context'
import { DEMO, type InstallWorld, startInstallWorld } from '../install/install-world'

export { DEMO }

export type SyncWorld = InstallWorld & {
  /** The content API with a key for the demo site. */
  content: Awaited<ReturnType<typeof contentClient>>
  /** Webflow's public API, as another client of the same site would use it. */
  webflow: WebflowClient
  /** The admin API of Bindery. */
  admin: (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) => Promise<LightResponse>
  /** Works every job and webhook until nothing moves: deliveries, inbox, pushes. */
  settle: () => Promise<void>
}

/** Bindery installed on the simulator's demo site through OAuth, with jobs drained on demand. */
export async function startSyncWorld(
  sim: SimulatorOptionsInput = {},
  env: Record<string, string> = {},
): Promise<SyncWorld> {
  const world = await startInstallWorld(sim, env)
  const installed = await world.install()
  expect(installed.status).toBe(200)
  const { ctx } = world
  const content = await contentClient(ctx, DEMO.siteId)
  const webflow = new WebflowClient({
    accessToken: world.sim.control.oauthToken(DEMO.workspaceId),
    baseUrl: `${world.sim.url}/v2`,
    maxRetries: 0,
  })
  const admin: SyncWorld['admin'] = adminApi(ctx)
  const settle = async () => {
    for (let round = 0; round < 30; round++) {
      await world.sim.control.webhooksIdle()
      const pending = await ctx.db.query(`select 1 from inbox where status = 'pending' limit 1`)
      if (pending.rowCount) await ctx.boss.send('inbox-process', {})
      // Retries and deferred jobs wait in production; here they run now, so tests need no sleeps.
      await ctx.db.query(
        `update pgboss.job set start_after = now() where state in ('created', 'retry') and start_after > now()`,
      )
      const { completed } = await ctx.drain()
      await world.sim.control.webhooksIdle()
      const still = await ctx.db.query(`select 1 from inbox where status = 'pending' limit 1`)
      if (!completed && !still.rowCount) return
    }
    throw new Error('sync did not settle')
  }
  await settle()
  return { ...world, content, webflow, admin, settle }
}

/**
 * A hub collection `slug` with one published item (a `body` text field), linked in publish mode
 * and pushed: the hub item, the link and the item as Webflow holds it.
 */
export async function oneLinkedItem(
  world: SyncWorld,
  slug: string,
  o: { name: string; body: string; conflictPolicy?: string },
) {
  const hubCollectionId = await world.content.createCollection(slug, [
    { slug: 'body', name: 'Body', type: 'text' },
  ])
  const item = (
    await world.content.call('POST', `/collections/${hubCollectionId}/items`, {
      slug: slug.replace(/s$/, ''),
      name: o.name,
      status: 'published',
      fields: { body: o.body },
    })
  ).json()
  const link = await publishLink(
    world.ctx,
    DEMO.siteId,
    hubCollectionId,
    ['body'],
    o.conflictPolicy ? { conflictPolicy: o.conflictPolicy } : {},
  )
  await world.settle()
  const wfItem = (await webflowItems(world, link.webflowCollectionId))[0]!
  return { hubCollectionId, item, link, wfItem }
}

/** All staged items of a Webflow collection. */
export async function webflowItems(world: SyncWorld, collectionId: string) {
  const out = []
  for (let offset = 0; ; offset += 100) {
    const page = await world.webflow.collections.items.listItems(collectionId, { offset, limit: 100 })
    out.push(...(page.items ?? []))
    if (offset + 100 >= (page.pagination?.total ?? 0)) return out
  }
}
