import { describe, expect, it } from 'vitest'
import { publishLink } from '../helpers/test-context'
import { DEMO, oneLinkedItem, startSyncWorld, webflowItems } from './sync-world'

type Policy = 'newest' | 'hub' | 'webflow' | 'review'

/** One published item, then the same field edited on both sides while the link's push is held. */
async function conflictingEdits(policy: Policy) {
  const world = await startSyncWorld()
  const { hubCollectionId, item, link, wfItem } = await oneLinkedItem(world, 'docs', {
    name: 'Original',
    body: 'original body',
    conflictPolicy: policy,
  })
  const path = `/sites/${DEMO.siteId}/links/${link.id}`
  await world.admin('PATCH', path, { paused: true })
  await world.content.call('PATCH', `/collections/${hubCollectionId}/items/${item.id}`, {
    name: 'Hub name',
    fields: { body: 'hub body' },
  })
  world.sim.control.designer.updateItem(link.webflowCollectionId, wfItem.id!, {
    fieldData: { name: 'Webflow name' },
  })
  await world.settle()
  await world.admin('PATCH', path, { paused: false })
  await world.settle()
  const hub = async () =>
    (await world.content.call('GET', `/collections/${hubCollectionId}/items/${item.id}`)).json()
  const webflow = async () => (await webflowItems(world, link.webflowCollectionId))[0]!.fieldData!
  return { world, hub, webflow, link }
}

describe('conflicts: the same field changed on both sides', () => {
  it('newest wins by default: Webflow’s later edit wins the name, the hub’s body edit is kept', async () => {
    const { hub, webflow } = await conflictingEdits('newest')
    expect(await hub()).toMatchObject({ name: 'Webflow name', fields: { body: 'hub body' } })
    expect(await webflow()).toMatchObject({ name: 'Webflow name', body: 'hub body' })
  })

  it('hub wins: the hub’s name goes back to Webflow', async () => {
    const { hub, webflow } = await conflictingEdits('hub')
    expect(await hub()).toMatchObject({ name: 'Hub name', fields: { body: 'hub body' } })
    expect(await webflow()).toMatchObject({ name: 'Hub name', body: 'hub body' })
  })

  it('Webflow wins: Webflow’s name comes to the hub, the hub’s body still reaches Webflow', async () => {
    const { hub, webflow } = await conflictingEdits('webflow')
    expect(await hub()).toMatchObject({ name: 'Webflow name', fields: { body: 'hub body' } })
    expect(await webflow()).toMatchObject({ name: 'Webflow name', body: 'hub body' })
  })

  it('review: nothing is overwritten until someone chooses, then the chosen side wins', async () => {
    const { world, hub, webflow, link } = await conflictingEdits('review')
    expect((await hub()).name).toBe('Hub name')
    expect((await webflow()).name).toBe('Webflow name')
    const summary = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${link.id}`)).json()
    expect(summary.counts.conflict).toBe(1)
    const { conflicts } = (await world.admin('GET', `/sites/${DEMO.siteId}/conflicts`)).json()
    expect(conflicts).toHaveLength(1)
    expect(conflicts[0].fields).toEqual([
      { field: 'name', base: 'Original', hub: 'Hub name', webflow: 'Webflow name' },
    ])

    const resolved = await world.admin('POST', `/sites/${DEMO.siteId}/conflicts/${conflicts[0].id}/resolve`, {
      side: 'webflow',
    })
    expect(resolved.statusCode).toBe(204)
    await world.settle()
    expect(await hub()).toMatchObject({ name: 'Webflow name', fields: { body: 'hub body' } })
    expect(await webflow()).toMatchObject({ name: 'Webflow name', body: 'hub body' })
    expect((await world.admin('GET', `/sites/${DEMO.siteId}/conflicts`)).json().conflicts).toEqual([])
    const again = await world.admin('POST', `/sites/${DEMO.siteId}/conflicts/${conflicts[0].id}/resolve`, {
      side: 'hub',
    })
    expect(again.statusCode).toBe(404)
  })
})

/** Requests of each route the simulator answered since its counters were last reset. */
async function routes(world: Awaited<ReturnType<typeof startSyncWorld>>): Promise<Record<string, number>> {
  return (await world.sim.app.inject('/_sim/counters')).json().requests.byRoute
}

describe('a Webflow edit whose webhook was lost', () => {
  it('is merged before a hub push could overwrite it, read with one request', async () => {
    const world = await startSyncWorld()
    const { hubCollectionId, item, link, wfItem } = await oneLinkedItem(world, 'memos', {
      name: 'Memo',
      body: 'v1',
    })
    await world.sim.app.inject({ method: 'PUT', url: '/_sim/faults', payload: { webhooks: { loseRate: 1 } } })
    world.sim.control.designer.updateItem(link.webflowCollectionId, wfItem.id!, {
      fieldData: { name: 'Renamed in Webflow' },
    })
    await world.settle()
    await world.sim.app.inject({ method: 'DELETE', url: '/_sim/faults' })
    await world.content.call('PATCH', `/collections/${hubCollectionId}/items/${item.id}`, {
      fields: { body: 'v2' },
    })
    await world.settle()
    expect((await webflowItems(world, link.webflowCollectionId))[0]!.fieldData).toMatchObject({
      name: 'Renamed in Webflow',
      body: 'v2',
    })
    expect(
      (await world.content.call('GET', `/collections/${hubCollectionId}/items/${item.id}`)).json(),
    ).toMatchObject({
      name: 'Renamed in Webflow',
      fields: { body: 'v2' },
    })
    // The next edit, with nothing new in Webflow, reads the item by id: one request besides its
    // write, where the list of recent items takes up to three.
    await world.sim.app.inject({ method: 'POST', url: '/_sim/counters/reset' })
    await world.content.call('PATCH', `/collections/${hubCollectionId}/items/${item.id}`, {
      fields: { body: 'v3' },
    })
    await world.settle()
    const used = await routes(world)
    expect(used['GET /v2/collections/:collectionId/items/:itemId']).toBe(1)
    expect(used['GET /v2/collections/:collectionId/items']).toBeUndefined()
    expect((await webflowItems(world, link.webflowCollectionId))[0]!.fieldData).toMatchObject({ body: 'v3' })
  })

  it('is merged for each item of a bigger push, read from the list of recent items', async () => {
    const world = await startSyncWorld()
    const hubCollectionId = await world.content.createCollection('notes', [
      { slug: 'body', name: 'Body', type: 'text' },
    ])
    const slugs = ['note-1', 'note-2', 'note-3']
    await world.content.call('POST', `/collections/${hubCollectionId}/items/bulk`, {
      items: slugs.map((slug) => ({ slug, name: slug, status: 'published', fields: { body: 'v1' } })),
    })
    const link = await publishLink(world.ctx, DEMO.siteId, hubCollectionId, ['body'])
    await world.settle()
    const wf = await webflowItems(world, link.webflowCollectionId)
    await world.sim.app.inject({ method: 'PUT', url: '/_sim/faults', payload: { webhooks: { loseRate: 1 } } })
    for (const w of wf)
      world.sim.control.designer.updateItem(link.webflowCollectionId, w.id!, {
        fieldData: { name: `${w.fieldData!.slug} renamed in Webflow` },
      })
    await world.settle()
    await world.sim.app.inject({ method: 'DELETE', url: '/_sim/faults' })
    const hub = (await world.content.call('GET', `/collections/${hubCollectionId}/items`)).json().items
    for (const h of hub)
      await world.content.call('PATCH', `/collections/${hubCollectionId}/items/${h.id}`, {
        fields: { body: 'v2' },
      })
    await world.settle()
    const after = await webflowItems(world, link.webflowCollectionId)
    for (const slug of slugs) {
      expect(after.find((i) => i.fieldData?.slug === slug)!.fieldData).toMatchObject({
        name: `${slug} renamed in Webflow`,
        body: 'v2',
      })
    }
    const hubAfter = (await world.content.call('GET', `/collections/${hubCollectionId}/items`)).json().items
    expect(hubAfter.map((h: { name: string }) => h.name).sort()).toEqual(
      slugs.map((slug) => `${slug} renamed in Webflow`),
    )
  })
})
