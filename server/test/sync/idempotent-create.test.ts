import { describe, expect, it } from 'vitest'
import { DEMO, startSyncWorld, webflowItems } from './sync-world'

async function publishWithFaults(duplicateSlug: 'error' | 'suffix', faults: object, count = 30) {
  const world = await startSyncWorld({ duplicateSlug })
  const collectionId = await world.content.createCollection(`things-${duplicateSlug}`, [
    { slug: 'site', name: 'Site', type: 'link' },
  ])
  const items = Array.from({ length: count }, (_, i) => ({
    slug: `thing-${i}`,
    name: `Thing ${i}`,
    status: i % 2 ? 'published' : 'draft',
    fields: { site: 'https://example.com' },
  }))
  expect(
    (await world.content.call('POST', `/collections/${collectionId}/items/bulk`, { items })).statusCode,
  ).toBe(200)
  const res = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
    mode: 'publish',
    // A new collection goes live with a site publish (docs/webflow.md, New collections and the site).
    publishSite: true,
    hubCollectionId: collectionId,
    fields: ['site'],
  })
  expect(res.statusCode, res.body).toBe(201)
  const link = res.json()
  await world.sim.app.inject({ method: 'PUT', url: '/_sim/faults', payload: faults })
  await world.settle().catch(() => {})
  await world.sim.app.inject({ method: 'DELETE', url: '/_sim/faults' })
  await world.settle()
  return { world, link, collectionId }
}

describe.each(['error', 'suffix'] as const)(
  'creates whose answer never came (duplicate slugs: %s)',
  (mode) => {
    it('leave exactly one Webflow item per hub item when Webflow committed before timing out', async () => {
      const { world, link } = await publishWithFaults(mode, {
        routes: ['POST /v2/collections/*'],
        timeoutRate: 1,
        commitBeforeTimeout: true,
        hangMs: 50,
      })
      const items = await webflowItems(world, link.webflowCollectionId)
      expect(items).toHaveLength(30)
      expect(new Set(items.map((i) => i.fieldData?.slug)).size).toBe(30)
      const summary = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${link.id}`)).json()
      expect(summary).toMatchObject({ state: 'live', counts: { synced: 30, pending: 0, failed: 0 } })
      expect(items.filter((i) => !i.isDraft && i.lastPublished)).toHaveLength(15)
    })

    it('leave exactly one Webflow item per hub item when Webflow failed before writing', async () => {
      const { world, link } = await publishWithFaults(mode, {
        routes: ['POST /v2/collections/*'],
        timeoutRate: 1,
        commitBeforeTimeout: false,
        hangMs: 50,
      })
      const items = await webflowItems(world, link.webflowCollectionId)
      expect(items.map((i) => i.fieldData?.slug).sort()).toEqual(
        Array.from({ length: 30 }, (_, i) => `thing-${i}`).sort(),
      )
    })
  },
)

describe('a publish bigger than one bulk request', () => {
  it('leaves exactly one Webflow item per hub item when some of the requests in flight time out', async () => {
    // 350 items: four bulk creates, two of them out at once (sync/push-link.ts, CREATES_IN_FLIGHT).
    const { world, link } = await publishWithFaults(
      'error',
      {
        routes: ['POST /v2/collections/*'],
        timeoutRate: 0.5,
        commitBeforeTimeout: true,
        hangMs: 50,
      },
      350,
    )
    const items = await webflowItems(world, link.webflowCollectionId)
    expect(items).toHaveLength(350)
    expect(new Set(items.map((i) => i.fieldData?.slug)).size).toBe(350)
    const summary = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${link.id}`)).json()
    expect(summary).toMatchObject({ state: 'live', counts: { synced: 350, pending: 0, failed: 0 } })
  })
})

describe('Webflow refusing one item', async () => {
  it('fails that item with Webflow’s message and writes the rest of the batch', async () => {
    const world = await startSyncWorld()
    const collectionId = await world.content.createCollection('links', [
      { slug: 'site', name: 'Site', type: 'link' },
    ])
    const items = Array.from({ length: 10 }, (_, i) => ({
      slug: `link-${i}`,
      name: `Link ${i}`,
      status: 'published',
      // The hub takes mailto: links; the simulator's Webflow (linkSchemes 'http') refuses them.
      fields: { site: i === 4 ? 'mailto:ada@example.com' : 'https://example.com' },
    }))
    expect(
      (await world.content.call('POST', `/collections/${collectionId}/items/bulk`, { items })).statusCode,
    ).toBe(200)
    const link = (
      await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
        mode: 'publish',
        // A new collection goes live with a site publish (docs/webflow.md, New collections and the site).
        publishSite: true,
        hubCollectionId: collectionId,
        fields: ['site'],
      })
    ).json()
    await world.settle()
    const summary = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${link.id}`)).json()
    expect(summary.counts).toMatchObject({ synced: 9, failed: 1 })
    const errors = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${link.id}/errors`)).json()
    expect(errors.items).toHaveLength(1)
    expect(errors.items[0]).toMatchObject({ slug: 'link-4' })
    expect(errors.items[0].message).toMatch(/URL/i)
    expect(await webflowItems(world, summary.webflowCollectionId)).toHaveLength(9)
  })
})

describe('a 429 storm', async () => {
  it('finishes later with nothing lost', async () => {
    const world = await startSyncWorld()
    const collectionId = await world.content.createCollection('storm', [])
    const items = Array.from({ length: 250 }, (_, i) => ({
      slug: `s-${i}`,
      name: `S ${i}`,
      status: 'published',
    }))
    expect(
      (await world.content.call('POST', `/collections/${collectionId}/items/bulk`, { items })).statusCode,
    ).toBe(200)
    await world.sim.app.inject({
      method: 'PUT',
      url: '/_sim/faults',
      payload: { rate429: 0.5, retryAfterSeconds: 0 },
    })
    const link = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
      mode: 'publish',
      // A new collection goes live with a site publish (docs/webflow.md, New collections and the site).
      publishSite: true,
      hubCollectionId: collectionId,
      fields: [],
    })
    await world.settle().catch(() => {})
    await world.sim.app.inject({ method: 'DELETE', url: '/_sim/faults' })
    await world.settle()
    const summary = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${link.json().id}`)).json()
    expect(summary.counts).toMatchObject({ synced: 250, pending: 0, failed: 0 })
    expect(await webflowItems(world, summary.webflowCollectionId)).toHaveLength(250)
  })
})
