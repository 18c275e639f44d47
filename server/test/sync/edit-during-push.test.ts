import { describe, expect, it } from 'vitest'
import { oneLinkedItem, startSyncWorld, webflowItems } from './sync-world'

describe('a Designer edit made while a push is on its way to Webflow', () => {
  // The push looks for Webflow edits it never heard of just before it writes (for one item, it reads
  // the item: sync/merge-unseen-webflow-edits.ts); an edit made after that look and before the write lands is
  // overwritten in Webflow by the push, and only its webhook still carries it.
  it('wins over the older hub edit the push carried, on both sides', async () => {
    const world = await startSyncWorld()
    const { hubCollectionId, item, link, wfItem } = await oneLinkedItem(world, 'docs', {
      name: 'Original',
      body: 'original body',
    })

    // Slow item writes: the push's write is on its way for a second and a half.
    await world.sim.app.inject({
      method: 'PUT',
      url: '/_sim/faults',
      payload: { routes: ['PATCH /v2/collections/*'], latencyMs: 1_500 },
    })
    const since = Date.now()
    await world.content.call('PATCH', `/collections/${hubCollectionId}/items/${item.id}`, {
      name: 'Hub name',
    })
    const settling = world.settle()
    // The push has read the item from Webflow: its write comes next.
    await expect
      .poll(
        () =>
          world.sim.control
            .requests(50)
            .some(
              (r) =>
                r.method === 'GET' &&
                r.url.endsWith(`/items/${wfItem.id}`) &&
                new Date(r.at).getTime() >= since,
            ),
        { timeout: 10_000, interval: 5 },
      )
      .toBe(true)
    world.sim.control.designer.updateItem(link.webflowCollectionId, wfItem.id!, {
      fieldData: { name: 'Webflow name' },
    })
    await settling
    await world.sim.app.inject({ method: 'DELETE', url: '/_sim/faults' })
    await world.settle()

    const hub = (await world.content.call('GET', `/collections/${hubCollectionId}/items/${item.id}`)).json()
    const webflow = (await webflowItems(world, link.webflowCollectionId))[0]!.fieldData!
    expect({ hub: hub.name, webflow: webflow.name }).toEqual({ hub: 'Webflow name', webflow: 'Webflow name' })
  })
})
