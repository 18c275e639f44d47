import { describe, expect, it } from 'vitest'
import { DEMO, linkedCollection, startSyncWorld } from './reliability-world'

describe('publishing the site after a sync', async () => {
  // Webflow's own one-a-minute publish limit is off here, to see Bindery's spacing alone.
  const world = await startSyncWorld({ sitePublishIntervalMs: 0 })
  const { ctx, sim } = world
  const linked = await linkedCollection(world, 'news')
  await world.settle()
  const publishes = () => sim.control.counters().items.sitePublishes
  const edit = (i: number, name: string) =>
    world.content.call('PATCH', `/collections/${linked.collectionId}/items/${linked.itemIds[i]}`, { name })
  const waitingPublish = () =>
    ctx.db.query<{ wait: number }>(
      `select extract(epoch from start_after - now())::float8 as wait from pgboss.job
       where name = 'site-publish' and state = 'created'`,
    )

  it('is off by default', async () => {
    const before = publishes()
    await edit(0, 'First edit')
    await world.settle()
    expect(publishes()).toBe(before)
  })

  it('publishes after a push that changed something when the link asks for it', async () => {
    const res = await world.admin('PATCH', `/sites/${DEMO.siteId}/links/${linked.linkId}`, {
      publishSite: true,
    })
    expect(res.statusCode).toBe(200)
    const before = publishes()
    await edit(0, 'Second edit')
    await world.settle()
    expect(publishes()).toBe(before + 1)
  })

  it('coalesces the publishes asked for within a minute into one, a minute after the last', async () => {
    const before = publishes()
    for (const name of ['Third edit', 'Fourth edit', 'Fifth edit']) {
      await edit(1, name)
      await ctx.drain(['link-push', 'site-publish'])
    }
    expect(publishes()).toBe(before)
    const { rows } = await waitingPublish()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.wait).toBeGreaterThan(50)
    expect(rows[0]!.wait).toBeLessThanOrEqual(60)

    // A minute later.
    await ctx.db.query(`update sites set last_published_at = last_published_at - interval '60 seconds'`)
    await ctx.db.query(
      `update pgboss.job set start_after = now() where name = 'site-publish' and state = 'created'`,
    )
    await ctx.drain(['site-publish'])
    expect(publishes()).toBe(before + 1)
    expect((await waitingPublish()).rows).toHaveLength(0)
  })

  it('waits for Webflow’s own limit without holding the token’s other calls', async () => {
    sim.control.setConfig({ sitePublishIntervalMs: 60_000 })
    sim.control.designer.publishSite(DEMO.siteId)
    await ctx.db.query(`update sites set last_published_at = null`)
    const before = publishes()
    await edit(2, 'Sixth edit')
    await ctx.drain(['link-push', 'site-publish'])
    expect(publishes()).toBe(before)
    expect((await waitingPublish()).rows[0]!.wait).toBeGreaterThan(30)
    const budget = await ctx.db.query<{ paused: boolean }>(
      `select paused_until_ms > extract(epoch from now()) * 1000 as paused from rate_budgets`,
    )
    expect(budget.rows.every((r) => !r.paused)).toBe(true)
  })
})
