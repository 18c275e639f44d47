import { describe, expect, it } from 'vitest'
import { webflowItems } from '../sync/sync-world'
import { DEMO, linkedCollection, startSyncWorld } from './reliability-world'

describe('a job that keeps failing', async () => {
  const world = await startSyncWorld()
  const { ctx } = world
  const deadLetters = async () => (await world.admin('GET', '/dead-letters?limit=10')).json()

  it('ends in the dead letters with its error once its retries are used up', async () => {
    const linked = await linkedCollection(world, 'doomed')
    world.sim.control.setFaults({ routes: ['POST /v2/collections/*/items*'], errorRate: 1 })
    for (let run = 0; run < 20 && (await deadLetters()).total === 0; run++) {
      // Retries wait in production; here each one runs now.
      await ctx.db.query(`update pgboss.job set start_after = now() where state = 'retry'`)
      await ctx.drain(['link-push'])
    }
    const list = await deadLetters()
    expect(list.total).toBe(1)
    expect(list.items[0]).toMatchObject({
      queue: 'link-push',
      payload: { linkId: linked.linkId },
      error: expect.stringContaining('no answer from Webflow'),
      // link-push allows 8 retries: 9 runs.
      attempts: 9,
    })
    expect(Date.parse(list.items[0].failedAt)).toBeGreaterThan(Date.now() - 60_000)
  })

  it('is replayed by support and succeeds once the fault is gone', async () => {
    world.sim.control.clearFaults()
    const [dead] = (await deadLetters()).items
    const res = await world.admin('POST', `/dead-letters/${dead.id}/replay`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ replayed: 1, skipped: 0 })
    expect((await deadLetters()).total).toBe(0)
    await world.settle()
    const link = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${dead.payload.linkId}`)).json()
    expect(link).toMatchObject({ state: 'live', counts: { synced: 3, pending: 0, failed: 0 } })
    const items = await webflowItems(world, link.webflowCollectionId)
    // Every retry settled its unanswered create by slug first: still one Webflow item per hub item.
    expect(items.map((i) => i.fieldData?.slug).sort()).toEqual(['doomed-0', 'doomed-1', 'doomed-2'])
  })

  it('answers 404 for a dead letter that is not there, and needs the admin token', async () => {
    const res = await world.admin('POST', '/dead-letters/00000000-0000-4000-8000-000000000000/replay')
    expect(res.statusCode).toBe(404)
    const anonymous = await ctx.app.inject({ method: 'GET', url: '/admin/api/dead-letters' })
    expect(anonymous.statusCode).toBe(401)
  })
})
