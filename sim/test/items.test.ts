import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO, type DemoSim, failure, http, startDemo } from './helpers.ts'

const posts = DEMO.postsCollectionId
const authorsCid = DEMO.authorsCollectionId
let t: DemoSim

beforeEach(async () => {
  t = await startDemo()
})
afterEach(async () => {
  await t.sim.close()
})

const fieldData = (slug: string, extra: Record<string, unknown> = {}) => ({
  name: slug.toUpperCase(),
  slug,
  ...extra,
})

describe('staged items', () => {
  it('lists with pagination.total, offset and limit', async () => {
    const page = await t.wf.collections.items.listItems(posts, { limit: 2, offset: 1 })
    expect(page.items).toHaveLength(2)
    expect(page.pagination).toEqual({ limit: 2, offset: 1, total: 3 })
  })

  it('rejects limit above 100', async () => {
    const res = await http(t.sim, 'GET', `/v2/collections/${posts}/items?limit=101`, { token: t.token })
    expect(res.status).toBe(400)
    expect(res.json.code).toBe('validation_error')
  })

  it('creates a draft by default with 202 and reads it back', async () => {
    const res = await http(t.sim, 'POST', `/v2/collections/${posts}/items`, {
      token: t.token,
      body: { fieldData: fieldData('new-post') },
    })
    expect(res.status).toBe(202)
    expect(res.json).toMatchObject({ isDraft: true, isArchived: false, lastPublished: null })
    const item = await t.wf.collections.items.getItem(posts, res.json.id)
    expect(item.fieldData?.slug).toBe('new-post')
  })

  it('filters by slug and sorts by name', async () => {
    const bySlug = await t.wf.collections.items.listItems(posts, { slug: 'syncing-a-cms' })
    expect(bySlug.items?.map((i) => i.fieldData?.slug)).toEqual(['syncing-a-cms'])
    const sorted = await t.wf.collections.items.listItems(posts, { sortBy: 'name', sortOrder: 'desc' })
    expect(sorted.items?.map((i) => i.fieldData?.name)).toEqual([
      'Why drafts matter',
      'Syncing a CMS',
      'Hello Bindery',
    ])
  })

  it('filters by lastPublished[gte] (SDK) and lastUpdated[gte] (HTTP)', async () => {
    t.clock.now += 60_000
    const created = await t.wf.collections.items.createItemLive(posts, {
      fieldData: fieldData('later'),
    } as never)
    const since = new Date(t.clock.now - 1000)
    const res = await t.wf.collections.items.listItems(posts, { lastPublished: { gte: since } })
    expect(res.items?.map((i) => i.id)).toEqual([created.id])
    const q = encodeURIComponent('lastUpdated[gte]')
    const raw = await http(t.sim, 'GET', `/v2/collections/${posts}/items?${q}=${since.toISOString()}`, {
      token: t.token,
    })
    expect(raw.json.items.map((i: { id: string }) => i.id)).toEqual([created.id])
  })

  it('creates several with {items} and one invalid item fails the whole request', async () => {
    const ok = await http(t.sim, 'POST', `/v2/collections/${posts}/items`, {
      token: t.token,
      body: { items: [{ fieldData: fieldData('m-1') }, { fieldData: fieldData('m-2') }] },
    })
    expect(ok.status).toBe(202)
    expect(ok.json.items).toHaveLength(2)
    const bad = await http(t.sim, 'POST', `/v2/collections/${posts}/items`, {
      token: t.token,
      body: {
        items: [{ fieldData: fieldData('m-3') }, { fieldData: fieldData('m-4', { featured: 'yes' }) }],
      },
    })
    expect(bad.status).toBe(400)
    expect(bad.json.details).toEqual([
      { param: 'items[1].fieldData.featured', description: 'Expected a boolean' },
    ])
    const list = await t.wf.collections.items.listItems(posts, { slug: 'm-3' })
    expect(list.items).toHaveLength(0)
  })

  it('creates through /items/bulk with 202 {items}', async () => {
    const res = (await t.wf.collections.items.createItems(posts, {
      fieldData: [fieldData('bulk-1'), fieldData('bulk-2')],
    } as never)) as unknown as { items: { id: string }[] }
    expect(res.items).toHaveLength(2)
  })

  it('rejects more than 100 items in a bulk update', async () => {
    const items = Array.from({ length: 101 }, (_, i) => ({ id: String(i), fieldData: { name: 'x' } }))
    const res = await http(t.sim, 'PATCH', `/v2/collections/${posts}/items`, {
      token: t.token,
      body: { items },
    })
    expect(res.status).toBe(400)
    expect(res.json.code).toBe('validation_error')
  })

  it('updates partially, single and bulk', async () => {
    const [a, b] = (await t.wf.collections.items.listItems(posts)).items!
    const one = await t.wf.collections.items.updateItem(posts, a!.id!, {
      fieldData: { featured: false },
    } as never)
    expect(one.fieldData).toMatchObject({ name: 'Hello Bindery', featured: false })
    const many = (await t.wf.collections.items.updateItems(posts, {
      items: [{ id: b!.id!, fieldData: { name: 'Renamed' } }],
    })) as { items: { fieldData: { name: string } }[] }
    expect(many.items[0]?.fieldData.name).toBe('Renamed')
  })

  it('deletes single and bulk with 204, then 404', async () => {
    const [a, b] = (await t.wf.collections.items.listItems(posts)).items!
    const del = await http(t.sim, 'DELETE', `/v2/collections/${posts}/items/${a!.id}`, { token: t.token })
    expect(del.status).toBe(204)
    expect(del.text).toBe('')
    await t.wf.collections.items.deleteItems(posts, { items: [{ id: b!.id! }] })
    const gone = await failure(t.wf.collections.items.getItem(posts, a!.id!))
    expect(gone.status).toBe(404)
    expect(gone.body).toMatchObject({ code: 'resource_not_found', details: [] })
  })
})

describe('slugs', () => {
  it('duplicate slug → 400 validation_error with the documented details', async () => {
    const { status, body } = await failure(
      t.wf.collections.items.createItem(posts, { fieldData: fieldData('hello-bindery') } as never),
    )
    expect(status).toBe(400)
    expect(body).toEqual({
      message: 'Validation Error',
      code: 'validation_error',
      externalReference: null,
      details: [{ param: 'slug', description: "Unique value is already in database: 'hello-bindery'" }],
    })
  })

  it("duplicate slug with duplicateSlug 'suffix' stores slug-2", async () => {
    t.sim.control.setConfig({ duplicateSlug: 'suffix' })
    const item = await t.wf.collections.items.createItem(posts, {
      fieldData: fieldData('hello-bindery'),
    } as never)
    expect(item.fieldData?.slug).toBe('hello-bindery-2')
  })

  it('lower-cases slugs and turns spaces into dashes', async () => {
    const item = await t.wf.collections.items.createItem(posts, {
      fieldData: { name: 'X', slug: 'My Post' },
    } as never)
    expect(item.fieldData?.slug).toBe('my-post')
  })

  it('rejects invalid slug characters', async () => {
    const { status, body } = await failure(
      t.wf.collections.items.createItem(posts, { fieldData: { name: 'X', slug: 'a/b?' } } as never),
    )
    expect(status).toBe(400)
    expect(body.details[0].param).toBe('slug')
  })

  it('requires a slug unless autoSlug is on', async () => {
    const { status } = await failure(
      t.wf.collections.items.createItem(posts, { fieldData: { name: 'No slug' } } as never),
    )
    expect(status).toBe(400)
    t.sim.control.setConfig({ autoSlug: true })
    const item = await t.wf.collections.items.createItem(posts, { fieldData: { name: 'No slug' } } as never)
    expect(item.fieldData?.slug).toBe('no-slug')
  })
})

describe('field values', () => {
  const bad = async (extra: Record<string, unknown>) =>
    (await failure(t.wf.collections.items.createItem(posts, { fieldData: fieldData('v', extra) } as never)))
      .body

  it('rejects an unknown option id', async () => {
    expect((await bad({ category: 'nope' })).details[0].param).toBe('category')
  })
  it('rejects a reference to a missing item', async () => {
    expect((await bad({ author: '000000000000000000000000' })).details[0].param).toBe('author')
  })
  it('rejects a non-ISO date', async () => {
    expect((await bad({ 'published-on': 'yesterday' })).details[0].param).toBe('published-on')
  })
  it('rejects an image without url', async () => {
    expect((await bad({ cover: { alt: 'x' } })).details[0].param).toBe('cover')
  })
  it('rejects unknown fields', async () => {
    expect((await bad({ nope: 1 })).details[0].param).toBe('nope')
  })
  it('reports every bad field', async () => {
    const body = await bad({ featured: 1, category: 'x' })
    expect(body.details.map((d: { param: string }) => d.param).sort()).toEqual(['category', 'featured'])
  })
  it('accepts valid values and returns images as {fileId,url,alt}', async () => {
    const author = (await t.wf.collections.items.listItems(authorsCid)).items![0]!.id
    const item = await t.wf.collections.items.createItem(posts, {
      fieldData: fieldData('ok', {
        author,
        category: DEMO.categoryOptionIds.guide,
        cover: { url: 'https://example.com/a.png' },
        featured: true,
        'published-on': '2025-02-03T04:05:06Z',
      }),
    } as never)
    expect(item.fieldData).toMatchObject({
      // Imported: Webflow's own id and CDN url (docs/webflow.md "Images and files").
      cover: {
        url: expect.stringMatching(/^https:\/\/cdn\.prod\.website-files\.com\/.+_a\.png$/),
        fileId: expect.stringMatching(/^[0-9a-f]{24}$/),
      },
      'published-on': '2025-02-03T04:05:06.000Z',
    })
  })
})

describe('state machine (docs/webflow.md, Item states)', () => {
  const create = (slug: string, isDraft?: boolean) =>
    t.wf.collections.items.createItem(posts, { isDraft, fieldData: fieldData(slug) } as never)

  it('isDraft:false on create is queued to publish and goes live on site publish', async () => {
    const item = await create('queued', false)
    expect(item).toMatchObject({ isDraft: false, lastPublished: undefined })
    expect((await failure(t.wf.collections.items.getItemLive(posts, item.id!))).status).toBe(404)
    await t.wf.sites.publish(DEMO.siteId, { publishToWebflowSubdomain: true })
    const live = await t.wf.collections.items.getItemLive(posts, item.id!)
    expect(live.lastPublished).toBeTruthy()
  })

  it('publish sets isDraft false and lastPublished; returns 202 publishedItemIds and errors', async () => {
    const item = await create('pub')
    const res = await http(t.sim, 'POST', `/v2/collections/${posts}/items/publish`, {
      token: t.token,
      body: { itemIds: [item.id, '64f0000000000000000000ff'] },
    })
    expect(res.status).toBe(202)
    expect(res.json).toEqual({
      publishedItemIds: [item.id],
      errors: ['Staging item ID 64f0000000000000000000ff not found.'],
    })
    const staged = await t.wf.collections.items.getItem(posts, item.id!)
    expect(staged.isDraft).toBe(false)
    expect(staged.lastPublished).toBe(new Date(t.clock.now).toISOString())
  })

  it('a staged edit of a live item is "queued to publish" and does not change live', async () => {
    const item = await create('cid')
    await t.wf.collections.items.publishItem(posts, { itemIds: [item.id!] })
    t.clock.now += 1000
    const edited = await http(t.sim, 'PATCH', `/v2/collections/${posts}/items/${item.id}`, {
      token: t.token,
      body: { fieldData: { name: 'Edited' } },
    })
    expect(edited.json.isDraft).toBe(false)
    expect(Date.parse(edited.json.lastPublished)).toBeLessThan(Date.parse(edited.json.lastUpdated))
    const live = await t.wf.collections.items.getItemLive(posts, item.id!)
    expect(live.fieldData?.name).toBe('CID')
  })

  it('under stagedEditOfLive changesInDraft the same edit is "changes in draft"', async () => {
    t.sim.control.setConfig({ stagedEditOfLive: 'changesInDraft' })
    const item = await create('cid2')
    await t.wf.collections.items.publishItem(posts, { itemIds: [item.id!] })
    t.clock.now += 1000
    const edited = await t.wf.collections.items.updateItem(posts, item.id!, {
      fieldData: { name: 'Edited' },
    } as never)
    expect(edited.isDraft).toBe(true)
    expect(edited.lastPublished).toBeTruthy()
    const live = await t.wf.collections.items.getItemLive(posts, item.id!)
    expect(live.fieldData?.name).toBe('CID2')
  })

  it('isDraft:true on a live item does not unpublish it', async () => {
    const item = await create('stay-live')
    await t.wf.collections.items.publishItem(posts, { itemIds: [item.id!] })
    await t.wf.collections.items.updateItem(posts, item.id!, { isDraft: true } as never)
    const live = await t.wf.collections.items.getItemLive(posts, item.id!)
    expect(live.id).toBe(item.id)
  })

  it('live delete unpublishes: isDraft true, lastPublished null, live gone', async () => {
    const item = await create('unpub')
    await t.wf.collections.items.publishItem(posts, { itemIds: [item.id!] })
    await t.wf.collections.items.deleteItemLive(posts, item.id!)
    const staged = await http(t.sim, 'GET', `/v2/collections/${posts}/items/${item.id}`, { token: t.token })
    expect(staged.json).toMatchObject({ isDraft: true, lastPublished: null })
    expect((await failure(t.wf.collections.items.getItemLive(posts, item.id!))).status).toBe(404)
  })

  it('bulk live delete unpublishes with 204', async () => {
    const item = await create('unpub-bulk')
    await t.wf.collections.items.publishItem(posts, { itemIds: [item.id!] })
    const res = await http(t.sim, 'DELETE', `/v2/collections/${posts}/items/live`, {
      token: t.token,
      body: { items: [{ id: item.id }] },
    })
    expect(res.status).toBe(204)
    const live = await t.wf.collections.items.listItemsLive(posts)
    expect(live.items?.some((i) => i.id === item.id)).toBe(false)
  })

  it('list pages follow creates, publishes, unpublishes and deletes between them', async () => {
    const ids = async (live: boolean) => {
      const page = live
        ? await t.wf.collections.items.listItemsLive(posts, { limit: 100 })
        : await t.wf.collections.items.listItems(posts, { limit: 100 })
      expect(page.pagination?.total).toBe(page.items?.length)
      return page.items?.map((i) => i.id) ?? []
    }
    const liveBefore = await ids(true)
    const stagedBefore = await ids(false)
    const item = await create('listed')
    expect(await ids(false)).toEqual([...stagedBefore, item.id])
    expect(await ids(true)).toEqual(liveBefore)
    await t.wf.collections.items.publishItem(posts, { itemIds: [item.id!] })
    expect(await ids(true)).toContain(item.id)
    await t.wf.collections.items.deleteItemLive(posts, item.id!)
    expect(await ids(true)).toEqual(liveBefore)
    await t.wf.collections.items.deleteItem(posts, item.id!)
    expect(await ids(false)).toEqual(stagedBefore)
  })

  it('live PATCH on a never-published item → 409 conflict', async () => {
    const item = await create('never')
    const { status, body } = await failure(
      t.wf.collections.items.updateItemLive(posts, item.id!, { fieldData: { name: 'x' } } as never),
    )
    expect(status).toBe(409)
    expect(body).toEqual({
      code: 'conflict',
      message:
        "Conflict: Conflict with server data: Live PATCH updates can't be applied to items that have never been published",
      externalReference: null,
      details: [],
    })
  })

  it('live create publishes immediately; live PATCH updates both', async () => {
    const item = await t.wf.collections.items.createItemLive(posts, {
      fieldData: fieldData('live-one'),
    } as never)
    expect(item.isDraft).toBe(false)
    await t.wf.collections.items.updateItemLive(posts, item.id!, { fieldData: { name: 'Live 2' } } as never)
    const live = await t.wf.collections.items.getItemLive(posts, item.id!)
    expect(live.fieldData?.name).toBe('Live 2')
    const bulk = await t.wf.collections.items.updateItemsLive(posts, {
      items: [{ id: item.id!, fieldData: { name: 'Live 3' } }],
    })
    expect(bulk.items?.[0]?.fieldData?.name).toBe('Live 3')
  })

  it('archived items leave the live site on the next site publish', async () => {
    const item = await t.wf.collections.items.createItemLive(posts, { fieldData: fieldData('arch') } as never)
    const archived = await t.wf.collections.items.updateItem(posts, item.id!, { isArchived: true } as never)
    expect(archived.isArchived).toBe(true)
    await t.wf.sites.publish(DEMO.siteId, { publishToWebflowSubdomain: true })
    expect((await failure(t.wf.collections.items.getItemLive(posts, item.id!))).status).toBe(404)
  })

  it('lastUpdated changes on every write', async () => {
    const item = await create('ts')
    t.clock.now += 5000
    const edited = await t.wf.collections.items.updateItem(posts, item.id!, {
      fieldData: { name: 'y' },
    } as never)
    expect(edited.lastUpdated).not.toBe(item.lastUpdated)
    expect(edited.createdOn).toBe(item.createdOn)
  })
})

describe('item caps', () => {
  it('stops creates past the plan cap with 409, and itemCaps:false lifts it', async () => {
    t.sim.control.setSitePlan(DEMO.siteId, 'starter')
    const items = Array.from({ length: 45 }, (_, i) => ({ fieldData: fieldData(`cap-${i}`) }))
    await http(t.sim, 'POST', `/v2/collections/${posts}/items`, { token: t.token, body: { items } })
    const over = await http(t.sim, 'POST', `/v2/collections/${posts}/items`, {
      token: t.token,
      body: { fieldData: fieldData('cap-over') },
    })
    expect(over.status).toBe(409)
    expect(over.json.message).toMatch(/Item limit reached/)
    t.sim.control.setConfig({ itemCaps: false })
    const ok = await http(t.sim, 'POST', `/v2/collections/${posts}/items`, {
      token: t.token,
      body: { fieldData: fieldData('cap-over') },
    })
    expect(ok.status).toBe(202)
  })
})
