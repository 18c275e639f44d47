import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO, type DemoSim, http, type Receiver, startDemo, startReceiver, waitFor } from './helpers.ts'

// The unconfirmed behaviours of docs/webflow.md, one switch each, both settings.

const posts = DEMO.postsCollectionId
let t: DemoSim
let rx: Receiver

beforeEach(async () => {
  t = await startDemo()
  rx = await startReceiver()
})
afterEach(async () => {
  await t.sim.close()
  await rx.close()
})

const api = (method: string, path: string, body?: unknown) =>
  http(t.sim, method, path, { token: t.token, body })
const create = (slugs: string[]) =>
  api('POST', `/v2/collections/${posts}/items`, {
    items: slugs.map((slug) => ({ fieldData: { name: slug, slug } })),
  })
const hook = (triggerType: string) =>
  t.wf.webhooks.create(DEMO.siteId, { triggerType, url: `${rx.url}/hook` } as never)

describe('publish and lastUpdated', () => {
  for (const bump of [false, true]) {
    it(`publishBumpsLastUpdated ${bump}`, async () => {
      t.sim.control.setConfig({ publishBumpsLastUpdated: bump })
      const { json } = await create(['bump'])
      const item = json.items[0]
      t.clock.now += 5000
      await api('POST', `/v2/collections/${posts}/items/publish`, { itemIds: [item.id] })
      const after = (await api('GET', `/v2/collections/${posts}/items/${item.id}`)).json
      expect(after.lastPublished).toBe(new Date(t.clock.now).toISOString())
      expect(after.lastUpdated).toBe(bump ? after.lastPublished : item.lastUpdated)
    })
  }
})

describe('multi-item create answers', () => {
  it('list in request order by default', async () => {
    const { json } = await create(['a1', 'a2', 'a3'])
    expect(json.items.map((i: { fieldData: { slug: string } }) => i.fieldData.slug)).toEqual([
      'a1',
      'a2',
      'a3',
    ])
  })

  it('reversed order and a single item answer', async () => {
    t.sim.control.setConfig({ multiCreateOrder: 'reversed' })
    const reversed = await create(['b1', 'b2'])
    expect(reversed.json.items.map((i: { fieldData: { slug: string } }) => i.fieldData.slug)).toEqual([
      'b2',
      'b1',
    ])
    t.sim.control.setConfig({ multiCreateAnswer: 'single', multiCreateOrder: 'request' })
    const single = await create(['c1', 'c2'])
    expect(single.json.fieldData.slug).toBe('c1')
    const listed = await t.wf.collections.items.listItems(posts, { slug: 'c2' })
    expect(listed.items).toHaveLength(1)
  })

  it('a duplicate slug names items[i].fieldData.slug, or plain slug', async () => {
    const indexed = await create(['d1', 'hello-bindery'])
    expect(indexed.status).toBe(400)
    expect(indexed.json.details[0].param).toBe('items[1].fieldData.slug')
    t.sim.control.setConfig({ bulkErrorParam: 'plain' })
    const plain = await create(['d1', 'hello-bindery'])
    expect(plain.json.details[0].param).toBe('slug')
  })
})

describe('bulk delete and unpublish with missing ids', () => {
  it('error: 404 and nothing done; skip: the rest done', async () => {
    const { json } = await create(['e1'])
    const id = json.items[0].id
    const body = { items: [{ id }, { id: 'ffffffffffffffffffffffff' }] }
    expect((await api('DELETE', `/v2/collections/${posts}/items`, body)).status).toBe(404)
    expect((await api('GET', `/v2/collections/${posts}/items/${id}`)).status).toBe(200)
    t.sim.control.setConfig({ bulkMissingIds: 'skip' })
    expect((await api('DELETE', `/v2/collections/${posts}/items/live`, body)).status).toBe(204)
    expect((await api('DELETE', `/v2/collections/${posts}/items`, body)).status).toBe(204)
    expect((await api('GET', `/v2/collections/${posts}/items/${id}`)).status).toBe(404)
  })
})

describe('requests as clients send them', () => {
  it('answers a DELETE and a site publish sent with a JSON content type and no body', async () => {
    const { json } = await create(['f1'])
    const res = await fetch(`${t.sim.url}/v2/collections/${posts}/items/${json.items[0].id}?unknown=1`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
    })
    expect(res.status).toBe(204)
    const publish = await fetch(`${t.sim.url}/v2/collections/${posts}/items/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
    })
    expect(publish.status).toBe(400)
    expect(((await publish.json()) as { code: string }).code).toBe('validation_error')
  })
})

describe('site publish and domains', () => {
  it('publishes custom domains only when their ids are given', async () => {
    t.sim.control.seed({
      sites: [
        {
          id: 'abcabcabcabcabcabcabcab1',
          workspaceId: DEMO.workspaceId,
          displayName: 'Shop',
          customDomains: ['shop.example'],
        },
      ],
    })
    const site = 'abcabcabcabcabcabcabcab1'
    const before = await t.wf.sites.getCustomDomain(site)
    const domain = before.customDomains![0]!
    await t.wf.sites.publish(site, { publishToWebflowSubdomain: true })
    expect((await t.wf.sites.getCustomDomain(site)).customDomains![0]!.lastPublished).toBeFalsy()
    t.clock.now += 61_000
    await t.wf.sites.publish(site, { customDomains: [domain.id!], publishToWebflowSubdomain: true })
    const after = (await api('GET', `/v2/sites/${site}/custom_domains`)).json
    expect(after.customDomains[0].lastPublished).toBe(new Date(t.clock.now).toISOString())
  })
})

describe('new collections and the site', () => {
  it('items of an API-created collection go live only after a site publish', async () => {
    const c = await t.wf.collections.create(DEMO.siteId, { displayName: 'Notes', singularName: 'Note' })
    const created = (
      await api('POST', `/v2/collections/${c.id}/items`, { fieldData: { name: 'N', slug: 'n' } })
    ).json
    const refused = (await api('POST', `/v2/collections/${c.id}/items/publish`, { itemIds: [created.id] }))
      .json
    expect(refused.publishedItemIds).toEqual([])
    expect(refused.errors[0]).toMatch(/published with the site/)
    expect(
      (await api('POST', `/v2/collections/${c.id}/items/live`, { fieldData: { name: 'L', slug: 'l' } }))
        .status,
    ).toBe(409)
    await t.wf.sites.publish(DEMO.siteId, { publishToWebflowSubdomain: true })
    const ok = (await api('POST', `/v2/collections/${c.id}/items/publish`, { itemIds: [created.id] })).json
    expect(ok.publishedItemIds).toEqual([created.id])
  })
})

describe('webhook payloads', () => {
  it('ids-only removals and spec keys by default; docs keys and full removals by switch', async () => {
    await hook('collection_item_created')
    await hook('collection_item_deleted')
    const { json } = await create(['g1'])
    await api('DELETE', `/v2/collections/${posts}/items/${json.items[0].id}`)
    await waitFor(() => rx.received.length === 2)
    const [created, deleted] = rx.received
    expect(created!.body.payload).toMatchObject({ isDraft: true, isArchived: false })
    expect(deleted!.body.payload).toEqual({
      id: json.items[0].id,
      workspaceId: DEMO.workspaceId,
      siteId: DEMO.siteId,
      collectionId: posts,
      cmsLocaleId: json.items[0].cmsLocaleId,
    })
    t.sim.control.setConfig({ webhookItemKeys: 'docs', webhookRemovalPayload: 'full' })
    const second = await create(['g2'])
    await api('DELETE', `/v2/collections/${posts}/items/${second.json.items[0].id}`)
    await waitFor(() => rx.received.length === 4)
    expect(rx.received[2]!.body.payload).toMatchObject({ draft: true, archived: false })
    expect(rx.received[2]!.body.payload).not.toHaveProperty('isDraft')
    expect(rx.received[3]!.body.payload.fieldData.slug).toBe('g2')
  })

  it('site_publish in the v1 shape', async () => {
    t.sim.control.setConfig({ sitePublishPayload: 'v1' })
    await hook('site_publish')
    await t.wf.sites.publish(DEMO.siteId, { publishToWebflowSubdomain: true })
    const [d] = await waitFor(() => rx.received.length === 1 && rx.received)
    expect(d!.body.payload).toMatchObject({
      site: DEMO.siteId,
      publishTime: t.clock.now,
      domains: ['demo-site.webflow.io'],
    })
  })

  it('a retry reuses the first timestamp under webhookRetryTimestamp first', async () => {
    t.sim.control.setConfig({ webhookRetryTimestamp: 'first', webhookRetryIntervalMs: 20 })
    rx.respond = () => 500
    await hook('collection_item_created')
    await create(['h1'])
    await waitFor(() => rx.received.length === 1)
    t.clock.now += 600_000
    rx.respond = () => 200
    await waitFor(() => rx.received.length === 2)
    const [a, b] = rx.received
    expect(b!.headers['x-webflow-timestamp']).toBe(a!.headers['x-webflow-timestamp'])
  })
})

describe('identity and grants', () => {
  it('resolve answers null names and email as documented', async () => {
    const idToken = t.sim.control.idToken(DEMO.siteId, { email: null, firstName: null, lastName: null })
    const res = await api('POST', '/beta/token/resolve', { idToken })
    expect(res.json).toMatchObject({ email: null, firstName: null, lastName: null, siteId: DEMO.siteId })
  })

  it('a site-scoped grant reaches only its site', async () => {
    t.sim.control.seed({
      sites: [{ id: 'abcabcabcabcabcabcabcab2', workspaceId: DEMO.workspaceId, displayName: 'Other' }],
    })
    t.sim.control.setConfig({ grantScope: 'site' })
    const auth = await http(
      t.sim,
      'GET',
      `/oauth/authorize?client_id=bindery-dev&response_type=code&scope=sites:read&redirect_uri=http://x.test/cb&site_id=abcabcabcabcabcabcabcab2`,
    )
    const code = new URL(auth.headers.get('location')!).searchParams.get('code')!
    const tok = await http(t.sim, 'POST', '/oauth/access_token', {
      body: {
        client_id: 'bindery-dev',
        client_secret: 'bindery-dev-secret',
        code,
        grant_type: 'authorization_code',
        redirect_uri: 'http://x.test/cb',
      },
    })
    const sites = await http(t.sim, 'GET', '/v2/sites', { token: tok.json.access_token })
    expect(sites.json.sites.map((s: { id: string }) => s.id)).toEqual(['abcabcabcabcabcabcabcab2'])
    expect(
      (await http(t.sim, 'GET', `/v2/sites/${DEMO.siteId}`, { token: tok.json.access_token })).status,
    ).toBe(401)
  })
})
