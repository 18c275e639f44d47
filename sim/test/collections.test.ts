import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { client, DEMO, type DemoSim, failure, http, startDemo } from './helpers.ts'

let t: DemoSim
beforeEach(async () => {
  t = await startDemo()
})
afterEach(async () => {
  await t.sim.close()
})

describe('sites', () => {
  it('lists and gets the demo site with locales', async () => {
    const { sites } = await t.wf.sites.list()
    expect(sites?.map((s) => s.displayName)).toEqual(['Demo Site'])
    const site = await t.wf.sites.get(DEMO.siteId)
    expect(site.locales?.primary?.cmsLocaleId).toBe(DEMO.cmsLocaleId)
    expect(site.createdOn).toBeInstanceOf(Date)
  })

  it('publish needs a body with at least one key', async () => {
    const res = await http(t.sim, 'POST', `/v2/sites/${DEMO.siteId}/publish`, { token: t.token, body: {} })
    expect(res.status).toBe(400)
    expect(res.json.code).toBe('validation_error')
  })

  it('publish answers 202 and a second one within a minute is 429', async () => {
    const first = await http(t.sim, 'POST', `/v2/sites/${DEMO.siteId}/publish`, {
      token: t.token,
      body: { publishToWebflowSubdomain: true },
    })
    expect(first.status).toBe(202)
    expect(first.json).toEqual({ customDomains: [], publishToWebflowSubdomain: true })
    const second = await failure(t.wf.sites.publish(DEMO.siteId, { publishToWebflowSubdomain: true }))
    expect(second.status).toBe(429)
    expect(second.body.code).toBe('too_many_requests')
    t.clock.now += 60_000
    await t.wf.sites.publish(DEMO.siteId, { publishToWebflowSubdomain: true })
  })
})

describe('collections and fields', () => {
  it('lists summaries without fields and gets the schema with validations', async () => {
    const { collections } = await t.wf.collections.list(DEMO.siteId)
    expect(collections?.map((c) => c.displayName)).toEqual(['Authors', 'Blog Posts'])
    expect(collections?.[0]).not.toHaveProperty('fields')
    const posts = await t.wf.collections.get(DEMO.postsCollectionId)
    const category = posts.fields.find((f) => f.slug === 'category')
    expect(category?.validations).toEqual({
      options: Object.entries(DEMO.categoryOptionIds).map(([name, id]) => ({ name, id })),
    })
    expect(posts.fields.find((f) => f.slug === 'author')?.validations).toEqual({
      collectionId: DEMO.authorsCollectionId,
    })
  })

  it('creates a collection with fields (200) and rejects a duplicate with 409', async () => {
    const res = await http(t.sim, 'POST', `/v2/sites/${DEMO.siteId}/collections`, {
      token: t.token,
      body: {
        displayName: 'Tags',
        singularName: 'Tag',
        fields: [{ type: 'Color', displayName: 'Tag Color' }],
      },
    })
    expect(res.status).toBe(200)
    expect(res.json.fields.map((f: { slug: string }) => f.slug)).toEqual(['name', 'slug', 'tag-color'])
    const dup = await failure(
      t.wf.collections.create(DEMO.siteId, { displayName: 'Tags', singularName: 'Tag' }),
    )
    expect(dup.status).toBe(409)
    expect(dup.body.code).toBe('duplicate_collection')
  })

  it('deletes a collection with 204', async () => {
    const c = await t.wf.collections.create(DEMO.siteId, { displayName: 'Tmp', singularName: 'Tmp' })
    const res = await http(t.sim, 'DELETE', `/v2/collections/${c.id}`, { token: t.token })
    expect(res.status).toBe(204)
    expect((await failure(t.wf.collections.get(c.id))).status).toBe(404)
  })

  it('creates (200), updates and deletes (204) a field', async () => {
    const cid = DEMO.authorsCollectionId
    const field = await t.wf.collections.fields.create(cid, { type: 'Number', displayName: 'Age' } as never)
    expect(field).toMatchObject({ slug: 'age', type: 'Number', isRequired: false })
    const updated = await t.wf.collections.fields.update(cid, field.id!, {
      displayName: 'Years',
      isRequired: true,
    })
    expect(updated).toMatchObject({ displayName: 'Years', isRequired: true })
    const del = await http(t.sim, 'DELETE', `/v2/collections/${cid}/fields/${field.id}`, { token: t.token })
    expect(del.status).toBe(204)
  })

  it('caps a collection at 60 fields', async () => {
    const c = await t.wf.collections.create(DEMO.siteId, { displayName: 'Wide', singularName: 'Wide' })
    for (let i = 0; i < 58; i++) {
      await t.wf.collections.fields.create(c.id, { type: 'PlainText', displayName: `F${i}` } as never)
    }
    const res = await failure(
      t.wf.collections.fields.create(c.id, { type: 'PlainText', displayName: 'F58' } as never),
    )
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('validation_error')
  })
})

describe('auth and scopes', () => {
  it('no token → 401 not_authorized', async () => {
    const res = await http(t.sim, 'GET', '/v2/sites')
    expect(res.status).toBe(401)
    expect(res.json).toEqual({
      message: 'Request not authorized',
      code: 'not_authorized',
      externalReference: null,
      details: [],
    })
  })

  it('unknown token → 401 through the SDK', async () => {
    expect((await failure(client(t.sim, 'bogus').sites.list())).status).toBe(401)
  })

  it('missing scope → 403 missing_scopes naming the scope', async () => {
    const token = t.sim.control.siteToken(DEMO.siteId, ['cms:read'])
    const res = await http(t.sim, 'POST', `/v2/collections/${DEMO.postsCollectionId}/items`, {
      token,
      body: { fieldData: { name: 'x', slug: 'x' } },
    })
    expect(res.status).toBe(403)
    expect(res.json).toEqual({
      message: 'OAuthForbidden: You are missing the following scopes - cms:write',
      code: 'missing_scopes',
      externalReference: null,
      details: [],
    })
  })

  it('a site token cannot reach another site → 401', async () => {
    const other = t.sim.control.seed({
      sites: [{ displayName: 'Other', collections: [{ displayName: 'Things', singularName: 'Thing' }] }],
    })
    const token = t.sim.control.siteToken(DEMO.siteId)
    const cid = other.sites[0]!.collections[0]!.id
    expect((await failure(client(t.sim, token).collections.items.listItems(cid))).status).toBe(401)
    expect((await failure(client(t.sim, token).sites.get(other.sites[0]!.id))).status).toBe(401)
  })

  it('unknown collection → 404 resource_not_found', async () => {
    const res = await failure(t.wf.collections.get('000000000000000000000000'))
    expect(res.status).toBe(404)
    expect(res.body.code).toBe('resource_not_found')
  })
})
