import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  client,
  DEMO,
  type DemoSim,
  failure,
  http,
  type Receiver,
  startDemo,
  startReceiver,
  verifySignature,
  waitFor,
} from './helpers.ts'

const posts = DEMO.postsCollectionId
let t: DemoSim
let rx: Receiver

beforeEach(async () => {
  t = await startDemo({ webhookRetryIntervalMs: 20, webhookTimeoutMs: 300 })
  rx = await startReceiver()
})
afterEach(async () => {
  await t.sim.close()
  await rx.close()
})

const hook = (triggerType: string, path = '/hook', token = t.token) =>
  client(t.sim, token).webhooks.create(DEMO.siteId, { triggerType: triggerType as never, url: rx.url + path })

const createPost = (slug: string) =>
  t.wf.collections.items.createItem(posts, { fieldData: { name: slug, slug } } as never)

describe('webhook registry', () => {
  it('creates with 201, lists, gets and deletes with 204', async () => {
    const res = await http(t.sim, 'POST', `/v2/sites/${DEMO.siteId}/webhooks`, {
      token: t.token,
      body: { triggerType: 'collection_item_created', url: `${rx.url}/a` },
    })
    expect(res.status).toBe(201)
    expect(res.json).toMatchObject({
      triggerType: 'collection_item_created',
      siteId: DEMO.siteId,
      filter: null,
    })
    expect(res.json).not.toHaveProperty('secretKey')
    const { webhooks } = await t.wf.webhooks.list(DEMO.siteId)
    expect(webhooks?.map((w) => w.id)).toEqual([res.json.id])
    expect((await t.wf.webhooks.get(res.json.id)).url).toBe(`${rx.url}/a`)
    const del = await http(t.sim, 'DELETE', `/v2/webhooks/${res.json.id}`, { token: t.token })
    expect(del.status).toBe(204)
    expect((await failure(t.wf.webhooks.get(res.json.id))).status).toBe(404)
  })

  it('unknown trigger type → 400 unsupported_webhook_trigger_type', async () => {
    const res = await http(t.sim, 'POST', `/v2/sites/${DEMO.siteId}/webhooks`, {
      token: t.token,
      body: { triggerType: 'item_exploded', url: rx.url },
    })
    expect(res.status).toBe(400)
    expect(res.json.code).toBe('unsupported_webhook_trigger_type')
  })

  it('the 76th webhook of one trigger type on a site → 400', async () => {
    for (let i = 0; i < 75; i++) await hook('collection_item_changed', `/${i}`)
    const res = await failure(hook('collection_item_changed', '/76'))
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('validation_error')
  })
})

describe('deliveries', () => {
  it('signs app webhooks with the client secret', async () => {
    await hook('collection_item_created')
    const item = await createPost('signed')
    const [d] = await waitFor(() => rx.received.length === 1 && rx.received)
    expect(d!.headers['content-type']).toBe('application/json')
    expect(d!.headers['x-webflow-timestamp']).toBe(String(t.clock.now))
    expect(verifySignature(d!, 'bindery-dev-secret')).toBe(true)
    expect(
      await t.wf.webhooks.verifySignature({
        headers: d!.headers as never,
        body: d!.raw,
        secret: 'bindery-dev-secret',
      }),
    ).toBe(true)
    expect(d!.body).toEqual({
      triggerType: 'collection_item_created',
      payload: {
        id: item.id,
        workspaceId: DEMO.workspaceId,
        siteId: DEMO.siteId,
        collectionId: posts,
        cmsLocaleId: DEMO.cmsLocaleId,
        lastPublished: null,
        lastUpdated: item.lastUpdated,
        createdOn: item.createdOn,
        isArchived: false,
        isDraft: true,
        fieldData: { name: 'signed', slug: 'signed' },
      },
    })
  })

  it('signs site-token webhooks with their own secretKey, returned once', async () => {
    const siteToken = t.sim.control.siteToken(DEMO.siteId)
    const created = (await hook('collection_item_created', '/site', siteToken)) as {
      id: string
      secretKey?: string
    }
    expect(created.secretKey).toMatch(/^[0-9a-f]{64}$/)
    expect(await t.wf.webhooks.get(created.id)).not.toHaveProperty('secretKey')
    await createPost('site-signed')
    const [d] = await waitFor(() => rx.received.length === 1 && rx.received)
    expect(verifySignature(d!, created.secretKey!)).toBe(true)
    expect(verifySignature(d!, 'bindery-dev-secret')).toBe(false)
  })

  it('fires changed, published, unpublished and deleted for the matching operations', async () => {
    for (const type of ['changed', 'published', 'unpublished', 'deleted'])
      await hook(`collection_item_${type}`)
    const item = await createPost('life')
    await t.wf.collections.items.updateItem(posts, item.id!, { fieldData: { name: 'Life 2' } } as never)
    await t.wf.collections.items.publishItem(posts, { itemIds: [item.id!] })
    await t.wf.collections.items.deleteItemLive(posts, item.id!)
    await t.wf.collections.items.deleteItem(posts, item.id!)
    await waitFor(() => rx.received.length === 4)
    expect(rx.received.map((d) => d.body.triggerType)).toEqual([
      'collection_item_changed',
      'collection_item_published',
      'collection_item_unpublished',
      'collection_item_deleted',
    ])
    expect(rx.received.every((d) => verifySignature(d, 'bindery-dev-secret'))).toBe(true)
    expect(rx.received[1]!.body.payload).toMatchObject({ id: item.id, isDraft: false })
  })

  it('fires site_publish with the v2 payload', async () => {
    await hook('site_publish')
    await t.wf.sites.publish(DEMO.siteId, { publishToWebflowSubdomain: true })
    const [d] = await waitFor(() => rx.received.length === 1 && rx.received)
    expect(d!.body).toEqual({
      triggerType: 'site_publish',
      payload: {
        siteId: DEMO.siteId,
        publishedOn: new Date(t.clock.now).toISOString(),
        domains: ['demo-site.webflow.io'],
        publishedBy: { displayName: 'Bindery' },
      },
    })
    expect(verifySignature(d!, 'bindery-dev-secret')).toBe(true)
  })

  it('Designer changes through the control API fire webhooks', async () => {
    await hook('collection_item_created')
    const res = await http(t.sim, 'POST', `/_sim/sites/${DEMO.siteId}/collections/${posts}/items`, {
      body: { fieldData: { name: 'From designer', slug: 'from-designer' } },
    })
    expect(res.status).toBe(201)
    const [d] = await waitFor(() => rx.received.length === 1 && rx.received)
    expect(d!.body.payload.fieldData.slug).toBe('from-designer')
  })

  it('echoApiWrites:false silences API writes but not Designer ones', async () => {
    await hook('collection_item_created')
    t.sim.control.setConfig({ echoApiWrites: false })
    await createPost('silent')
    t.sim.control.designer.createItem(posts, { fieldData: { name: 'loud', slug: 'loud' } })
    await waitFor(() => rx.received.length === 1)
    await t.sim.control.webhooksIdle()
    expect(rx.received.map((d) => d.body.payload.fieldData.slug)).toEqual(['loud'])
  })

  it('keeps order per webhook', async () => {
    await hook('collection_item_created')
    for (let i = 0; i < 5; i++) await createPost(`order-${i}`)
    await waitFor(() => rx.received.length === 5)
    expect(rx.received.map((d) => d.body.payload.fieldData.slug)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `order-${i}`),
    )
  })
})

describe('failures, retries and deactivation', () => {
  it('retries a non-200 answer and succeeds', async () => {
    let calls = 0
    rx.respond = () => (++calls < 3 ? 500 : 200)
    await hook('collection_item_created')
    await createPost('retry')
    await waitFor(() => rx.received.length === 3)
    await t.sim.control.webhooksIdle()
    expect(t.sim.control.counters().webhooks).toMatchObject({
      sent: 3,
      failed: 2,
      delivered: 1,
      deactivated: 0,
    })
    expect(rx.received.every((d) => verifySignature(d, 'bindery-dev-secret'))).toBe(true)
  })

  it('treats 201 as failure (only 200 counts)', async () => {
    rx.respond = () => 201
    await hook('collection_item_created')
    await createPost('created-201')
    await waitFor(() => rx.received.length === 4)
    await t.sim.control.webhooksIdle()
    expect(t.sim.control.counters().webhooks.delivered).toBe(0)
  })

  it('does not follow redirects', async () => {
    rx.respond = (d) => (d.path === '/moved' ? { status: 302, location: `${rx.url}/elsewhere` } : 200)
    await hook('collection_item_created', '/moved')
    await createPost('redirect')
    await waitFor(() => rx.received.length === 4)
    await t.sim.control.webhooksIdle()
    expect(rx.received.every((d) => d.path === '/moved')).toBe(true)
    expect(t.sim.control.counters().webhooks.failed).toBe(4)
  })

  it('a receiver that does not answer in time fails the delivery', async () => {
    let calls = 0
    const { createServer } = await import('node:http')
    const hanging = createServer(() => {
      calls++
    })
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r))
    const port = (hanging.address() as { port: number }).port
    await t.wf.webhooks.create(DEMO.siteId, {
      triggerType: 'collection_item_created',
      url: `http://127.0.0.1:${port}/`,
    })
    await createPost('timeout')
    await waitFor(() => t.sim.control.deliveries().some((d) => d.error === 'timeout'))
    expect(calls).toBeGreaterThan(0)
    hanging.closeAllConnections()
    hanging.close()
  })

  it('deactivates the webhook after 1 + 3 failed attempts and stops delivering', async () => {
    rx.respond = () => 500
    const created = await hook('collection_item_created')
    await createPost('dead-1')
    await waitFor(() => t.sim.control.webhooks()[0]?.active === false)
    expect(rx.received).toHaveLength(4)
    expect(t.sim.control.counters().webhooks.deactivated).toBe(1)
    await createPost('dead-2')
    await t.sim.control.webhooksIdle()
    expect(rx.received).toHaveLength(4)
    // Still visible through the API; the control API shows it inactive.
    expect((await t.wf.webhooks.get(created.id!)).id).toBe(created.id)
    const state = await http(t.sim, 'GET', '/_sim/webhooks')
    expect(state.json.webhooks[0]).toMatchObject({ id: created.id, active: false })
  })
})
