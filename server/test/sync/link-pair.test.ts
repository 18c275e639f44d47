import { describe, expect, it } from 'vitest'
import { DEMO, type SyncWorld, startSyncWorld, webflowItems } from './sync-world'

async function linkAuthors(world: SyncWorld, firstMatchWinner: 'hub' | 'webflow') {
  const hubCollectionId = await world.content.createCollection('writers', [
    { slug: 'about', name: 'About', type: 'text' },
  ])
  const items = [
    { slug: 'ada-lovelace', name: 'Ada (hub)', status: 'published', fields: { about: 'From the hub' } },
    { slug: 'hub-only', name: 'Only in the hub', status: 'draft', fields: { about: 'Hub only' } },
  ]
  expect(
    (await world.content.call('POST', `/collections/${hubCollectionId}/items/bulk`, { items })).statusCode,
  ).toBe(200)
  const res = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
    mode: 'link',
    hubCollectionId,
    webflowCollectionId: DEMO.authorsCollectionId,
    fields: [{ hubSlug: 'about', webflowSlug: 'bio' }],
    firstMatchWinner,
  })
  expect(res.statusCode, res.body).toBe(201)
  await world.settle()
  const hub = (await world.content.call('GET', `/collections/${hubCollectionId}/items?limit=100`)).json()
    .items
  const webflow = await webflowItems(world, DEMO.authorsCollectionId)
  const link = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${res.json().id}`)).json()
  return { hub, webflow, link, hubCollectionId }
}

describe('linking an existing pair by slug', () => {
  it('with the hub winning: matched items take the hub’s values, and each side gains what only the other had', async () => {
    const world = await startSyncWorld()
    const { hub, webflow, link } = await linkAuthors(world, 'hub')
    expect(link).toMatchObject({ state: 'live', counts: { synced: 3, pending: 0, failed: 0 } })
    const ada = webflow.find((i) => i.fieldData?.slug === 'ada-lovelace')!
    expect(ada.fieldData).toMatchObject({ name: 'Ada (hub)', bio: 'From the hub' })
    expect(webflow.find((i) => i.fieldData?.slug === 'hub-only')?.fieldData).toMatchObject({
      bio: 'Hub only',
    })
    expect(hub.map((i: { slug: string }) => i.slug).sort()).toEqual([
      'ada-lovelace',
      'grace-hopper',
      'hub-only',
    ])
    expect(webflow).toHaveLength(3)
  })

  it('with Webflow winning: matched items take Webflow’s values', async () => {
    const world = await startSyncWorld()
    const { hub, webflow } = await linkAuthors(world, 'webflow')
    const ada = hub.find((i: { slug: string }) => i.slug === 'ada-lovelace')
    expect(ada).toMatchObject({ name: 'Ada Lovelace', fields: { about: 'Wrote the first program.' } })
    expect(webflow.find((i) => i.fieldData?.slug === 'ada-lovelace')?.fieldData?.name).toBe('Ada Lovelace')
    expect(webflow).toHaveLength(3)
  })

  it('rejects fields whose types cannot sync, and changes nothing', async () => {
    const world = await startSyncWorld()
    const hubCollectionId = await world.content.createCollection('typed', [
      { slug: 'count', name: 'Count', type: 'number' },
    ])
    const res = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
      mode: 'link',
      hubCollectionId,
      webflowCollectionId: DEMO.authorsCollectionId,
      fields: [{ hubSlug: 'count', webflowSlug: 'bio' }],
      firstMatchWinner: 'hub',
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details[0].message).toMatch(/number cannot sync with Webflow PlainText/)
    expect((await world.admin('GET', `/sites/${DEMO.siteId}/collections`)).json().links).toEqual([])
  })
})

describe('changing a link', () => {
  it('adds a field to the selection (created in Webflow and filled in), pauses, resumes and disconnects', async () => {
    const world = await startSyncWorld()
    const hubCollectionId = await world.content.createCollection('notes', [
      { slug: 'body', name: 'Body', type: 'text' },
      { slug: 'score', name: 'Score', type: 'number' },
    ])
    await world.content.call('POST', `/collections/${hubCollectionId}/items`, {
      slug: 'n1',
      name: 'Note 1',
      status: 'published',
      fields: { body: 'hi', score: 7 },
    })
    const created = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
      mode: 'publish',
      hubCollectionId,
      fields: ['body'],
    })
    const linkId = created.json().id
    await world.settle()
    const patch = (body: object) => world.admin('PATCH', `/sites/${DEMO.siteId}/links/${linkId}`, body)

    expect(
      (await patch({ fields: ['body', 'score'] })).json().fields.map((f: { hubSlug: string }) => f.hubSlug),
    ).toEqual(['body', 'score'])
    await world.settle()
    const wfId = created.json().webflowCollectionId
    expect((await webflowItems(world, wfId))[0]!.fieldData).toMatchObject({ body: 'hi', score: 7 })

    expect((await patch({ paused: true })).json().state).toBe('paused')
    const item = (await world.content.call('GET', `/collections/${hubCollectionId}/items`)).json().items[0]
    await world.content.call('PATCH', `/collections/${hubCollectionId}/items/${item.id}`, {
      name: 'Held while paused',
    })
    await world.settle()
    expect((await webflowItems(world, wfId))[0]!.fieldData!.name).toBe('Note 1')
    expect((await patch({ paused: false })).json().state).toBe('live')
    await world.settle()
    expect((await webflowItems(world, wfId))[0]!.fieldData!.name).toBe('Held while paused')

    expect((await world.admin('DELETE', `/sites/${DEMO.siteId}/links/${linkId}`)).statusCode).toBe(204)
    await world.content.call('PATCH', `/collections/${hubCollectionId}/items/${item.id}`, {
      name: 'After disconnect',
    })
    await world.settle()
    // Disconnecting keeps the data on both sides and stops the sync.
    expect((await webflowItems(world, wfId))[0]!.fieldData!.name).toBe('Held while paused')
    expect(
      (await world.content.call('GET', `/collections/${hubCollectionId}/items/${item.id}`)).json().name,
    ).toBe('After disconnect')
  })
})
