import { describe, expect, it } from 'vitest'
import { Browser } from '../../src/sandbox/browser'
import { DEMO, startSyncWorld, webflowItems } from './sync-world'

// Tests per item of docs/webflow.md that the fidelity matrix does not single out.

describe('a publish where Webflow refuses one item', async () => {
  const world = await startSyncWorld()
  const collectionId = await world.content.createCollection('tools', [
    { slug: 'summary', name: 'Summary', type: 'text' },
  ])
  const items = Array.from({ length: 5 }, (_, i) => ({
    slug: `tool-${i}`,
    name: `Tool ${i}`,
    status: 'draft',
  }))
  await world.content.call('POST', `/collections/${collectionId}/items/bulk`, { items })
  const res = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
    mode: 'publish',
    hubCollectionId: collectionId,
    fields: ['summary'],
    publishSite: true,
  })
  const linkId: string = res.json().id
  const cid: string = res.json().webflowCollectionId
  await world.settle()
  await world.admin('PATCH', `/sites/${DEMO.siteId}/links/${linkId}`, { publishSite: false })

  it('leaves that one item unpublished and reported, and publishes the rest', async () => {
    const wf = await webflowItems(world, cid)
    const refused = wf.find((i) => i.fieldData?.slug === 'tool-2')!
    world.sim.control.setFaults({ refusePublish: [refused.id!] })
    const hub = (await world.content.call('GET', `/collections/${collectionId}/items?limit=10`)).json().items
    for (const h of hub as { id: string }[])
      await world.content.call('POST', `/collections/${collectionId}/items/${h.id}/publish`)
    await world.settle()
    world.sim.control.clearFaults()
    const after = await webflowItems(world, cid)
    const live = after.filter((i) => !i.isDraft && i.lastPublished).map((i) => i.fieldData?.slug)
    expect(live.sort()).toEqual(['tool-0', 'tool-1', 'tool-3', 'tool-4'])
    const summary = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${linkId}`)).json()
    expect(summary.counts).toMatchObject({ synced: 4, failed: 1 })
    const errors = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${linkId}/errors`)).json()
    expect(errors.items).toEqual([
      expect.objectContaining({ slug: 'tool-2', message: expect.stringContaining('did not publish') }),
    ])
  })
})

describe('a new collection without consent to publish the site', async () => {
  const world = await startSyncWorld()
  const collectionId = await world.content.createCollection('pages', [
    { slug: 'summary', name: 'Summary', type: 'text' },
  ])
  await world.content.call('POST', `/collections/${collectionId}/items/bulk`, {
    items: [
      { slug: 'p-1', name: 'P 1', status: 'published' },
      { slug: 'p-2', name: 'P 2', status: 'draft' },
    ],
  })
  const res = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
    mode: 'publish',
    hubCollectionId: collectionId,
    fields: ['summary'],
  })
  const linkId: string = res.json().id
  const cid: string = res.json().webflowCollectionId
  await world.settle()

  it('creates the items staged and says the site must be published once', async () => {
    const link = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${linkId}`)).json()
    expect(link.lastError).toMatch(/publish the site once/)
    const wf = await webflowItems(world, cid)
    expect(wf.every((i) => !i.lastPublished)).toBe(true)
    expect(wf.find((i) => i.fieldData?.slug === 'p-1')!.isDraft).toBe(false)
  })

  it('finishes the live part when the site is published in the Designer', async () => {
    world.sim.control.designer.publishSite(DEMO.siteId)
    await world.settle()
    const wf = await webflowItems(world, cid)
    expect(wf.find((i) => i.fieldData?.slug === 'p-1')!.lastPublished).toBeTruthy()
    expect(wf.find((i) => i.fieldData?.slug === 'p-2')!.lastPublished).toBeFalsy()
    const link = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${linkId}`)).json()
    expect(link.lastError).toBeNull()
    expect(link.counts).toMatchObject({ synced: 2, failed: 0, pending: 0 })
  })

  it('knows what that publish took live: unpublishing in the hub then takes the item off the site', async () => {
    const hub = (await world.content.call('GET', `/collections/${collectionId}/items`)).json()
    const p1 = hub.items.find((i: { slug: string }) => i.slug === 'p-1')
    const res = await world.content.call('POST', `/collections/${collectionId}/items/${p1.id}/unpublish`, {})
    expect(res.statusCode).toBe(200)
    await world.settle()
    const wf = await webflowItems(world, cid)
    expect(wf.find((i) => i.fieldData?.slug === 'p-1')!.lastPublished).toBeFalsy()
    const live = await world.webflow.collections.items.listItemsLive(cid)
    expect(live.items ?? []).toEqual([])
  })
})

describe('publishing the site after sync', async () => {
  const world = await startSyncWorld()
  const site = world.sim.store.sites.get(DEMO.siteId)!
  site.customDomains.push({ id: 'dddddddddddddddddddddddd', url: 'www.demo.example', lastPublished: null })
  const posts = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
    mode: 'import',
    webflowCollectionId: DEMO.authorsCollectionId,
    fields: ['bio'],
  })
  const linkId: string = posts.json().id
  await world.settle()
  const domain = async () =>
    (await world.webflow.sites.getCustomDomain(DEMO.siteId)).customDomains?.[0]?.lastPublished ?? null

  it('reaches the custom domains as well as the webflow.io subdomain', async () => {
    await world.admin('PATCH', `/sites/${DEMO.siteId}/links/${linkId}`, { publishSite: true })
    const hub = (await world.content.call('GET', `/collections/${posts.json().hubCollectionId}/items`)).json()
    await world.content.call(
      'PATCH',
      `/collections/${posts.json().hubCollectionId}/items/${hub.items[0].id}`,
      {
        name: 'Renamed for production',
      },
    )
    await world.settle()
    expect(await domain()).toBeTruthy()
    expect(site.subdomainPublished).toBeTruthy()
  })

  it('publishes only the subdomain when the link says so', async () => {
    site.customDomains[0]!.lastPublished = null
    const before = site.subdomainPublished!
    await world.ctx.db.query('update sites set last_published_at = null')
    world.sim.control.advanceClock(61_000)
    await world.admin('PATCH', `/sites/${DEMO.siteId}/links/${linkId}`, { publishCustomDomains: false })
    const hub = (await world.content.call('GET', `/collections/${posts.json().hubCollectionId}/items`)).json()
    await world.content.call(
      'PATCH',
      `/collections/${posts.json().hubCollectionId}/items/${hub.items[1].id}`,
      {
        name: 'Staging only',
      },
    )
    await world.settle()
    expect(site.subdomainPublished).toBeGreaterThan(before)
    expect(await domain()).toBeNull()
  })
})

describe('site-scoped grants', async () => {
  const world = await startSyncWorld({ grantScope: 'site' })
  const other = 'eeeeeeeeeeeeeeeeeeeeeeee'
  world.sim.control.seed({
    sites: [{ id: other, workspaceId: DEMO.workspaceId, displayName: 'Second Site', shortName: 'second' }],
  })

  it("a second site's install keeps the first site syncing", async () => {
    // One browser throughout: the install's state is bound to the cookie it sets.
    const browser = new Browser()
    const start = await browser.fetch(`${world.publicUrl}/oauth/install`)
    const authorize = new URL(start.headers.get('location')!)
    authorize.searchParams.set('site_id', other)
    const done = await browser.browse(authorize.toString())
    expect(done.status).toBe(200)
    const { rows } = await world.ctx.db.query('select id, site_ids from installations order by created_at')
    expect(rows.map((r) => r.site_ids)).toEqual([[DEMO.siteId], [other]])
    const sites = await world.ctx.db.query('select id, installation_id from sites order by id')
    expect(new Set(sites.rows.map((r) => r.installation_id)).size).toBe(2)
    // The first site still syncs with its own token.
    const link = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
      mode: 'import',
      webflowCollectionId: DEMO.authorsCollectionId,
      fields: ['bio'],
    })
    expect(link.statusCode, link.body).toBe(201)
    await world.settle()
    world.sim.control.designer.updateItem(
      DEMO.authorsCollectionId,
      (await webflowItems(world, DEMO.authorsCollectionId))[0]!.id!,
      {
        fieldData: { name: 'Still syncing' },
      },
    )
    await world.settle()
    const hub = (await world.content.call('GET', `/collections/${link.json().hubCollectionId}/items`)).json()
    expect(hub.items.map((i: { name: string }) => i.name)).toContain('Still syncing')
  })
})

describe('the panel signs in when Webflow resolves null names', async () => {
  const world = await startSyncWorld()
  it('opens a session with an empty email and name', async () => {
    const idToken = world.sim.control.idToken(DEMO.siteId, { email: null, firstName: null, lastName: null })
    const res = await world.ctx.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { idToken, siteId: DEMO.siteId },
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().user).toMatchObject({ email: '', name: '' })
  })
})

for (const stagedEditOfLive of ['queued', 'changesInDraft'] as const) {
  describe(`a Designer edit of a published item (${stagedEditOfLive})`, async () => {
    const world = await startSyncWorld({ stagedEditOfLive })
    const res = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
      mode: 'import',
      webflowCollectionId: DEMO.authorsCollectionId,
      fields: ['bio'],
    })
    const hubCollectionId: string = res.json().hubCollectionId
    await world.settle()

    it('keeps the hub item published and shows "changes not live" until the publish', async () => {
      const [author] = await webflowItems(world, DEMO.authorsCollectionId)
      world.sim.control.designer.updateItem(DEMO.authorsCollectionId, author!.id!, {
        fieldData: { bio: 'Edited' },
      })
      await world.settle()
      const hubItem = () =>
        world.content
          .call('GET', `/collections/${hubCollectionId}/items?limit=10`)
          .then((r) => r.json().items.find((i: { slug: string }) => i.slug === author!.fieldData!.slug))
      expect(await hubItem()).toMatchObject({ status: 'published', fields: { bio: 'Edited' } })
      const state = async () =>
        (await world.admin('GET', `/sites/${DEMO.siteId}/webflow-items/${author!.id}`)).json()
      expect(await state()).toMatchObject({ changesNotLive: true, state: 'synced' })
      world.sim.control.designer.publishItem(DEMO.authorsCollectionId, author!.id!)
      await world.settle()
      expect(await state()).toMatchObject({ changesNotLive: false, state: 'synced' })
      expect(await hubItem()).toMatchObject({ status: 'published' })
    })
  })
}

for (const webhookRetryTimestamp of ['fresh', 'first'] as const) {
  describe(`a delivery refused once, retried with the ${webhookRetryTimestamp} timestamp`, async () => {
    const world = await startSyncWorld({
      webhookRetryTimestamp,
      webhookRetryIntervalMs: 100,
      webhookMaxRetries: 1,
    })
    const res = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
      mode: 'import',
      webflowCollectionId: DEMO.authorsCollectionId,
      fields: ['bio'],
    })
    const linkId: string = res.json().id
    const hubCollectionId: string = res.json().hubCollectionId
    await world.settle()

    it('loses the edit only until the reconcile repairs it', async () => {
      const [author] = await webflowItems(world, DEMO.authorsCollectionId)
      // The first attempt goes out signed six minutes in the past, as a retry ten minutes after the
      // edit would with the first timestamp: Bindery refuses it (replay window 5 minutes).
      world.sim.control.setFaults({ webhooks: { delayMs: 200 } })
      world.sim.control.designer.updateItem(DEMO.authorsCollectionId, author!.id!, {
        fieldData: { bio: 'Late' },
      })
      world.sim.control.advanceClock(-6 * 60_000)
      await waitUntil(() => world.sim.control.deliveries(10).some((d) => d.outcome === 'failed'))
      world.sim.control.advanceClock(6 * 60_000)
      world.sim.control.clearFaults()
      await world.sim.control.webhooksIdle()
      await world.settle()
      const bio = async () =>
        (await world.content.call('GET', `/collections/${hubCollectionId}/items?limit=10`))
          .json()
          .items.find((i: { slug: string }) => i.slug === author!.fieldData!.slug).fields.bio
      const delivered = world.sim.control.deliveries(10).some((d) => d.outcome === 'delivered')
      // Measured: a fresh timestamp gets the retry through; the first one is refused again.
      expect(delivered).toBe(webhookRetryTimestamp === 'fresh')
      expect(await bio()).toBe(webhookRetryTimestamp === 'fresh' ? 'Late' : author!.fieldData!.bio)
      await world.ctx.boss.send('link-reconcile', { linkId, trigger: 'manual' })
      await world.settle()
      expect(await bio()).toBe('Late')
    })
  })
}

async function waitUntil(fn: () => boolean, ms = 5000) {
  const start = Date.now()
  while (!fn()) {
    if (Date.now() - start > ms) throw new Error('condition not met')
    await new Promise((r) => setTimeout(r, 10))
  }
}
