import { describe, expect, it } from 'vitest'
import { DEMO, startSyncWorld, webflowItems } from './sync-world'

const FIELDS = [
  { slug: 'summary', name: 'Summary', type: 'text' },
  { slug: 'body', name: 'Body', type: 'richText' },
  { slug: 'price', name: 'Price', type: 'number' },
  { slug: 'launch', name: 'Launch', type: 'date' },
  { slug: 'featured', name: 'Featured', type: 'boolean' },
  { slug: 'site', name: 'Site', type: 'link' },
  { slug: 'contact', name: 'Contact', type: 'email' },
  { slug: 'phone', name: 'Phone', type: 'phone' },
  { slug: 'tint', name: 'Tint', type: 'color' },
  { slug: 'kind', name: 'Kind', type: 'select', options: ['tool', 'toy'] },
  { slug: 'photo', name: 'Photo', type: 'image' },
  { slug: 'gallery', name: 'Gallery', type: 'images' },
  { slug: 'manual', name: 'Manual', type: 'file' },
  { slug: 'clip', name: 'Clip', type: 'video' },
]

const VALUES = {
  summary: 'A hammer',
  body: '<p>Hits <strong>nails</strong></p>',
  price: 12.5,
  launch: '2026-03-01T10:00:00.000Z',
  featured: true,
  site: 'https://example.com/hammer',
  contact: 'sales@example.com',
  phone: '+1 555 0100',
  tint: '#ff8800',
  kind: 'tool',
  photo: { url: 'https://cdn.example.com/hammer.png', alt: 'a hammer' },
  gallery: [{ url: 'https://cdn.example.com/1.png' }, { url: 'https://cdn.example.com/2.png' }],
  manual: { url: 'https://cdn.example.com/manual.pdf' },
  clip: 'https://www.youtube.com/watch?v=abc',
}

describe('publishing a hub collection to Webflow', async () => {
  const world = await startSyncWorld()
  const collectionId = await world.content.createCollection('products', FIELDS as never)
  for (let i = 0; i < 150; i++) {
    const res = await world.content.call('POST', `/collections/${collectionId}/items`, {
      slug: `product-${i}`,
      name: `Product ${i}`,
      status: i % 3 === 0 ? 'draft' : 'published',
      fields: i === 0 ? VALUES : { summary: `Product number ${i}`, price: i },
    })
    expect(res.statusCode).toBe(201)
  }

  it('creates the Webflow collection with every field type and writes the items in bulk', async () => {
    world.sim.control.setConfig({})
    await world.sim.app.inject({ method: 'POST', url: '/_sim/counters/reset' })
    const res = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
      mode: 'publish',
      // A new collection goes live with a site publish (docs/webflow.md, New collections and the site).
      publishSite: true,
      hubCollectionId: collectionId,
      fields: FIELDS.map((f) => f.slug),
    })
    expect(res.statusCode).toBe(201)
    const linkId = res.json().id
    await world.settle()

    const link = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${linkId}`)).json()
    expect(link).toMatchObject({
      state: 'live',
      progress: { done: 150, total: 150 },
      counts: { synced: 150, pending: 0, failed: 0 },
    })

    const collection = await world.webflow.collections.get(link.webflowCollectionId)
    const types = Object.fromEntries(collection.fields.map((f) => [f.slug, f.type]))
    expect(types).toMatchObject({
      summary: 'PlainText',
      body: 'RichText',
      price: 'Number',
      launch: 'DateTime',
      featured: 'Switch',
      site: 'Link',
      contact: 'Email',
      phone: 'Phone',
      tint: 'Color',
      kind: 'Option',
      photo: 'Image',
      gallery: 'MultiImage',
      manual: 'File',
      clip: 'VideoLink',
    })

    const items = await webflowItems(world, link.webflowCollectionId)
    expect(items).toHaveLength(150)
    const first = items.find((i) => i.fieldData?.slug === 'product-0')!
    const kind = collection.fields.find((f) => f.slug === 'kind')!
    const toolId = (kind.validations as { options: { id: string; name: string }[] }).options.find(
      (o) => o.name === 'tool',
    )!.id
    expect(first.isDraft).toBe(true)
    expect(first.fieldData).toMatchObject({
      name: 'Product 0',
      summary: 'A hammer',
      price: 12.5,
      featured: true,
      kind: toolId,
      // Webflow imported the image: its own fileId and CDN url (docs/webflow.md "Images and files").
      photo: {
        fileId: expect.stringMatching(/^[0-9a-f]{24}$/),
        url: expect.stringMatching(/^https:\/\/cdn\.prod\.website-files\.com\/.+_hammer\.png$/),
        alt: 'a hammer',
      },
      tint: '#ff8800',
    })
    const published = items.filter((i) => !i.isDraft && i.lastPublished)
    expect(published).toHaveLength(100)

    // 150 items: two bulk creates (published ones live, drafts staged), not one call per item.
    const counters = (await world.sim.app.inject('/_sim/counters')).json()
    const creates = Object.entries(counters.requests.byRoute as Record<string, number>)
      .filter(([route]) => route.startsWith('POST /v2/collections/:collectionId/items'))
      .filter(([route]) => !route.endsWith('/publish'))
      .reduce((n, [, c]) => n + c, 0)
    expect(creates).toBe(2)
  })

  it('sends hub edits, status changes and deletes to Webflow, and the echoes change nothing', async () => {
    const links = (await world.admin('GET', `/sites/${DEMO.siteId}/collections`)).json().links
    const link = links.find((l: { hubCollectionId: string }) => l.hubCollectionId === collectionId)
    // The collection is live now; a second site publish within the minute would only wait.
    const off = await world.admin('PATCH', `/sites/${DEMO.siteId}/links/${link.id}`, { publishSite: false })
    expect(off.statusCode).toBe(200)
    const list = (await world.content.call('GET', `/collections/${collectionId}/items?limit=10`)).json().items
    const [a, b, c, d] = list as { id: string; slug: string; status: string; version: number }[]
    const path = `/collections/${collectionId}/items`
    expect(
      (await world.content.call('PATCH', `${path}/${a!.id}`, { name: 'Renamed', fields: { price: 99 } }))
        .statusCode,
    ).toBe(200)
    expect(
      (
        await world.content.call(
          'POST',
          `${path}/${b!.id}/${b!.status === 'published' ? 'unpublish' : 'publish'}`,
        )
      ).statusCode,
    ).toBe(200)
    expect((await world.content.call('POST', `${path}/${c!.id}/archive`)).statusCode).toBe(200)
    expect((await world.content.call('DELETE', `${path}/${d!.id}`)).statusCode).toBe(204)
    await world.settle()

    const items = await webflowItems(world, link.webflowCollectionId)
    const bySlug = new Map(items.map((i) => [i.fieldData?.slug, i]))
    expect(bySlug.get(a!.slug)?.fieldData).toMatchObject({ name: 'Renamed', price: 99 })
    const bNow = bySlug.get(b!.slug)!
    if (b!.status === 'published') expect(bNow.lastPublished ?? null).toBeNull()
    else expect(bNow.isDraft).toBe(false)
    expect(bySlug.get(c!.slug)?.isArchived).toBe(true)
    expect(bySlug.has(d!.slug)).toBe(false)

    // Webflow echoed every write as a webhook: the hub kept its versions, and nothing was pushed again.
    const after = (await world.content.call('GET', `${path}/${a!.id}`)).json()
    expect(after.version).toBe(a!.version + 1)
    const { rows } = await world.ctx.db.query(
      `select count(*)::int as n from item_links where link_id = $1 and dirty`,
      [link.id],
    )
    expect(rows[0].n).toBe(0)
  })
})
