import { afterAll, describe, expect, it } from 'vitest'
import { startWorkers } from '../../src/jobs/workers'
import { Browser } from '../../src/sandbox/browser'
import { contentClient } from '../content/content-client'
import { adminApi } from '../helpers/test-context'
import { DEMO, startInstallWorld } from '../install/install-world'

/**
 * Two sites, each installed with its own token (60 requests a minute), worked by real workers with
 * two slots a queue. Site A is in a 429 storm with a 5,000-item backlog; site B's work still reaches
 * Webflow within seconds, at its own budget (README "Scheduling").
 */
describe('fair scheduling across sites', async () => {
  const world = await startInstallWorld({ rateLimit: 60, grantScope: 'site' }, { WORKER_CONCURRENCY: '2' })
  const { ctx, sim } = world
  const siteA = DEMO.siteId
  const siteB = sim.control.seed({ sites: [{ workspaceId: DEMO.workspaceId, displayName: 'Site B' }] })
    .sites[0]!.id
  for (const siteId of [siteA, siteB]) {
    // The grant names one site (the simulator's site picker): one installation, one token each.
    const browser = new Browser()
    const start = await browser.fetch(`${world.publicUrl}/oauth/install`)
    const authorize = new URL(start.headers.get('location')!)
    authorize.searchParams.set('site_id', siteId)
    const done = await browser.browse(authorize.toString())
    expect(done.status, done.body).toBe(200)
  }
  const stop = await startWorkers(ctx.context)
  afterAll(() => stop())
  const admin = adminApi(ctx)
  const [contentA, contentB] = [await contentClient(ctx, siteA), await contentClient(ctx, siteB)]

  /** A hub collection published to Webflow with one item, live. */
  async function linked(content: typeof contentA, siteId: string, slug: string) {
    const collectionId = await content.createCollection(slug, [
      { slug: 'summary', name: 'Summary', type: 'text' },
    ])
    const first = await content.call('POST', `/collections/${collectionId}/items`, {
      slug: `${slug}-first`,
      name: 'First',
      status: 'published',
      fields: { summary: 'first' },
    })
    expect(first.statusCode, first.body).toBe(201)
    const link = await admin('POST', `/sites/${siteId}/links`, {
      mode: 'publish',
      hubCollectionId: collectionId,
      fields: ['summary'],
    })
    expect(link.statusCode, link.body).toBe(201)
    const linkId = link.json().id
    await expect
      .poll(async () => (await admin('GET', `/sites/${siteId}/links/${linkId}`)).json().state, {
        timeout: 30_000,
        interval: 100,
      })
      .toBe('live')
    return {
      collectionId,
      linkId: linkId as string,
      itemId: first.json().id as string,
      webflowId: link.json().webflowCollectionId as string,
    }
  }

  /** What Webflow holds (the simulator's own state: reading it through the API would spend a budget). */
  const webflowNames = (webflowCollectionId: string) => {
    const c = sim.store.collections.get(webflowCollectionId)!
    return [...c.items.values()].map((i) => [...i.variants.values()][0]!.staged.fieldData.name as string)
  }

  async function bulk(content: typeof contentA, collectionId: string, prefix: string, count: number) {
    for (let i = 0; i < count; i += 1000) {
      const items = Array.from({ length: Math.min(1000, count - i) }, (_, k) => ({
        slug: `${prefix}-${i + k}`,
        name: `${prefix} ${i + k}`,
        status: 'published',
        fields: { summary: `item ${i + k}` },
      }))
      const res = await content.call('POST', `/collections/${collectionId}/items/bulk`, { items })
      expect(res.statusCode, res.body).toBe(200)
    }
  }

  type Linked = Awaited<ReturnType<typeof linked>>
  let [a1, a2, b] = [] as Linked[]

  it('installs each site with its own token, and publishes their collections', async () => {
    const { rows } = await ctx.db.query<{ site_ids: string[] }>('select site_ids from installations')
    expect(rows.map((r) => r.site_ids).sort()).toEqual([[siteA], [siteB]].sort())
    ;[a1, a2] = [await linked(contentA, siteA, 'a-one'), await linked(contentA, siteA, 'a-two')]
    b = await linked(contentB, siteB, 'b-posts')
  })

  it("a backlog in a 429 storm holds no slot: another site's bulk change goes through at once", async () => {
    sim.control.setFaults({ sites: [siteA], rate429: 1, retryAfterSeconds: 60 })
    // Site A's pushes are queued first and claimed first; each meets a 429 and a minute's Retry-After.
    await bulk(contentA, a1!.collectionId, 'a-one', 2_500)
    await bulk(contentA, a2!.collectionId, 'a-two', 2_500)
    // Both of site A's pushes are claimed: running (holding a slot) or scheduled for later.
    const claimed = async () =>
      (
        await ctx.db.query(
          `select 1 from pgboss.job where name = 'link-push' and singleton_key = any($1)
             and (state = 'active' or (state = 'created' and start_after > now() + interval '20 seconds'))`,
          [[a1!.linkId, a2!.linkId]],
        )
      ).rowCount
    await expect.poll(claimed, { timeout: 20_000, interval: 50 }).toBe(2)
    expect(sim.control.counters().status429).toBeGreaterThan(0)
    // 150 items: bulk work, not an edit, so it takes the slots site A's pushes would otherwise hold.
    const started = performance.now()
    await bulk(contentB, b!.collectionId, 'b-bulk', 150)
    await expect.poll(() => webflowNames(b!.webflowId).length, { timeout: 30_000, interval: 50 }).toBe(151)
    // Holding the slots, site A's Retry-After alone would have kept it waiting a minute.
    expect(performance.now() - started).toBeLessThan(15_000)
    // Site A's work waits for its own budget, scheduled for when the Retry-After ends.
    expect(webflowNames(a1!.webflowId)).toEqual(['First'])
    const { rows } = await ctx.db.query(
      `select 1 from pgboss.job where name = 'link-push' and singleton_key = any($1)
         and state = 'created' and start_after > now() + interval '20 seconds'`,
      [[a1!.linkId, a2!.linkId]],
    )
    expect(rows).toHaveLength(2)
  })

  it("the other site's hub edit reaches Webflow within seconds", async () => {
    const edits: number[] = []
    for (const n of [1, 2, 3]) {
      const started = performance.now()
      const res = await contentB.call('PATCH', `/collections/${b!.collectionId}/items/${b!.itemId}`, {
        name: `Edited ${n}`,
      })
      expect(res.statusCode, res.body).toBe(200)
      await expect
        .poll(() => webflowNames(b!.webflowId).includes(`Edited ${n}`), { timeout: 30_000, interval: 20 })
        .toBe(true)
      edits.push(performance.now() - started)
    }
    // A person notices seconds; site A's Retry-After is a minute.
    expect(Math.max(...edits)).toBeLessThan(5_000)
    expect(webflowNames(a2!.webflowId)).toEqual(['First'])
  })
})
