import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO, type DemoSim, http, type Receiver, startDemo, startReceiver, waitFor } from './helpers.ts'

const posts = DEMO.postsCollectionId
let t: DemoSim
beforeEach(async () => {
  t = await startDemo({ seed: 42 })
})
afterEach(async () => {
  await t.sim.close()
})

const setFaults = (body: unknown) => http(t.sim, 'PUT', '/_sim/faults', { body })
const list = () => http(t.sim, 'GET', `/v2/collections/${posts}/items?limit=1`, { token: t.token })

/** Creates a post with a client-side timeout; resolves to 'timeout' when no answer arrives. */
async function createWithTimeout(slug: string, ms = 300) {
  try {
    const res = await fetch(`${t.sim.url}/v2/collections/${posts}/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ fieldData: { name: slug, slug } }),
      signal: AbortSignal.timeout(ms),
    })
    return res.status
  } catch {
    return 'timeout'
  }
}

describe('request faults', () => {
  it('errorRate 1 → 500 internal_error', async () => {
    await setFaults({ errorRate: 1 })
    const res = await list()
    expect(res.status).toBe(500)
    expect(res.json).toEqual({
      message: 'An Internal Error occurred',
      code: 'internal_error',
      externalReference: null,
      details: [],
    })
  })

  it('faults can target routes by glob', async () => {
    await setFaults({ errorRate: 1, routes: ['POST /v2/collections/*'] })
    expect((await list()).status).toBe(200)
    const res = await http(t.sim, 'POST', `/v2/collections/${posts}/items`, {
      token: t.token,
      body: { fieldData: { name: 'x', slug: 'x' } },
    })
    expect(res.status).toBe(500)
  })

  it('faults can target the tokens of some sites (one tenant in a storm)', async () => {
    // Another workspace: the demo's workspace token does not reach its site.
    const other = t.sim.control.seed({
      workspaces: [{ id: 'a0a0a0a0a0a0a0a0a0a0a0a0', displayName: 'Other' }],
      sites: [{ workspaceId: 'a0a0a0a0a0a0a0a0a0a0a0a0', displayName: 'Other' }],
    })
    const otherId = other.sites[0]!.id
    await setFaults({ rate429: 1, sites: [otherId] })
    expect((await list()).status).toBe(200)
    const res = await http(t.sim, 'GET', `/v2/sites/${otherId}`, { token: t.sim.control.siteToken(otherId) })
    expect(res.status).toBe(429)
  })

  it('rate429 1 → 429 storm with Retry-After', async () => {
    await setFaults({ rate429: 1, retryAfterSeconds: 2 })
    const res = await list()
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('2')
    expect(res.json.code).toBe('too_many_requests')
  })

  it('a seeded error rate fails the same requests on every run', async () => {
    const run = async () => {
      await http(t.sim, 'PUT', '/_sim/faults', { body: { errorRate: 0.5 } })
      const statuses: number[] = []
      for (let i = 0; i < 20; i++) statuses.push((await list()).status)
      return statuses
    }
    const first = await run()
    await t.sim.close()
    t = await startDemo({ seed: 42 })
    expect(await run()).toEqual(first)
    expect(first).toContain(500)
    expect(first).toContain(200)
  })

  it('latencyMs delays answers', async () => {
    await setFaults({ latencyMs: 100 })
    const start = Date.now()
    await list()
    expect(Date.now() - start).toBeGreaterThanOrEqual(95)
  })

  it('a timeout that commits: the client gives up, the item exists', async () => {
    await setFaults({ timeoutRate: 1, commitBeforeTimeout: true, hangMs: 2000 })
    expect(await createWithTimeout('committed')).toBe('timeout')
    await http(t.sim, 'DELETE', '/_sim/faults')
    const found = await http(t.sim, 'GET', `/v2/collections/${posts}/items?slug=committed`, {
      token: t.token,
    })
    expect(found.json.items).toHaveLength(1)
  })

  it('a timeout without commit: the client gives up, nothing was written', async () => {
    await setFaults({ timeoutRate: 1, commitBeforeTimeout: false, hangMs: 2000 })
    expect(await createWithTimeout('lost')).toBe('timeout')
    await http(t.sim, 'DELETE', '/_sim/faults')
    const found = await http(t.sim, 'GET', `/v2/collections/${posts}/items?slug=lost`, { token: t.token })
    expect(found.json.items).toHaveLength(0)
  })

  it('the socket is dropped after hangMs', async () => {
    await setFaults({ timeoutRate: 1, commitBeforeTimeout: true, hangMs: 50 })
    expect(await createWithTimeout('dropped', 5000)).toBe('timeout')
  })
})

describe('webhook faults', () => {
  let rx: Receiver
  beforeEach(async () => {
    rx = await startReceiver()
    await t.wf.webhooks.create(DEMO.siteId, { triggerType: 'collection_item_created', url: rx.url })
  })
  afterEach(async () => {
    await rx.close()
  })

  const createPosts = async (n: number) => {
    for (let i = 0; i < n; i++)
      t.sim.control.designer.createItem(posts, { fieldData: { name: `p${i}`, slug: `p${i}` } })
  }

  it('loseRate 1 drops deliveries', async () => {
    await setFaults({ webhooks: { loseRate: 1 } })
    await createPosts(2)
    await t.sim.control.webhooksIdle()
    expect(rx.received).toHaveLength(0)
    expect(t.sim.control.counters().webhooks.lost).toBe(2)
  })

  it('duplicateRate 1 delivers twice', async () => {
    await setFaults({ webhooks: { duplicateRate: 1 } })
    await createPosts(1)
    await waitFor(() => rx.received.length === 2)
    expect(rx.received[0]!.raw).toBe(rx.received[1]!.raw)
  })

  it('delayMs holds deliveries back', async () => {
    await setFaults({ webhooks: { delayMs: 150 } })
    const start = Date.now()
    await createPosts(1)
    await waitFor(() => rx.received.length === 1)
    expect(Date.now() - start).toBeGreaterThanOrEqual(140)
  })

  it('reorder shuffles pending deliveries', async () => {
    await setFaults({ webhooks: { reorder: true } })
    await createPosts(12)
    await waitFor(() => rx.received.length === 12)
    const slugs = rx.received.map((d) => d.body.payload.fieldData.slug)
    expect(slugs).not.toEqual(Array.from({ length: 12 }, (_, i) => `p${i}`))
    expect([...slugs].sort()).toEqual(Array.from({ length: 12 }, (_, i) => `p${i}`).sort())
  })
})

describe('counters and request log', () => {
  it('counts requests per route and token, 429s and 5xx; never shows the token', async () => {
    await list()
    await list()
    await setFaults({ errorRate: 1 })
    await list()
    await setFaults({ rate429: 1 })
    await list()
    const { json } = await http(t.sim, 'GET', '/_sim/counters')
    expect(json.requests.byRoute['GET /v2/collections/:collectionId/items']).toBe(4)
    expect(json.requests.total).toBe(4)
    expect(json.status5xx).toBe(1)
    expect(json.status429).toBe(1)
    expect(Object.values(json.requests.byToken)).toEqual([4])
    expect(JSON.stringify(json)).not.toContain(t.token)
  })

  it('logs recent requests, newest first, and resets', async () => {
    await list()
    await http(t.sim, 'GET', '/v2/sites', { token: t.token })
    const { json } = await http(t.sim, 'GET', '/_sim/requests?limit=1')
    expect(json.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        route: '/v2/sites',
        status: 200,
        tokenId: expect.any(String),
      }),
    ])
    await http(t.sim, 'POST', '/_sim/counters/reset')
    expect((await http(t.sim, 'GET', '/_sim/counters')).json.requests.total).toBe(0)
  })

  it('counts item events', async () => {
    const before = t.sim.control.counters().items.created
    t.sim.control.designer.createItem(posts, { fieldData: { name: 'c', slug: 'c' } })
    expect(t.sim.control.counters().items.created).toBe(before + 1)
  })
})

describe('control API', () => {
  it('reset empties the state; seed returns ids; site tokens work', async () => {
    await http(t.sim, 'POST', '/_sim/reset')
    expect((await http(t.sim, 'GET', '/_sim/state')).json.sites).toEqual([])
    const seeded = await http(t.sim, 'POST', '/_sim/seed', {
      body: {
        sites: [
          {
            displayName: 'Seeded',
            plan: 'business',
            locales: [
              { displayName: 'English', tag: 'en' },
              { displayName: 'French', tag: 'fr-FR' },
            ],
            collections: [
              {
                displayName: 'Things',
                singularName: 'Thing',
                items: [{ fieldData: { name: 'One', slug: 'one' }, published: true }],
              },
            ],
          },
        ],
      },
    })
    const site = seeded.json.sites[0]
    const { token } = (
      await http(t.sim, 'POST', '/_sim/site-tokens', { body: { siteId: site.id, scopes: ['cms:read'] } })
    ).json
    const items = await http(t.sim, 'GET', `/v2/collections/${site.collections[0].id}/items/live`, { token })
    expect(items.json.items.map((i: { id: string }) => i.id)).toEqual(site.collections[0].itemIds)
  })

  it('Designer publish/unpublish/archive/delete act like the UI', async () => {
    const base = `/_sim/sites/${DEMO.siteId}/collections/${posts}/items`
    const item = (await http(t.sim, 'POST', base, { body: { fieldData: { name: 'D', slug: 'd' } } })).json
    expect((await http(t.sim, 'POST', `${base}/${item.id}/publish`)).json.publishedItemIds).toEqual([item.id])
    expect((await http(t.sim, 'POST', `${base}/${item.id}/unpublish`)).status).toBe(204)
    expect((await http(t.sim, 'POST', `${base}/${item.id}/archive`)).json.isArchived).toBe(true)
    expect(
      (await http(t.sim, 'PATCH', `${base}/${item.id}`, { body: { fieldData: { name: 'E' } } })).json
        .fieldData.name,
    ).toBe('E')
    expect((await http(t.sim, 'DELETE', `${base}/${item.id}`)).status).toBe(204)
    expect(
      (await http(t.sim, 'GET', `/v2/collections/${posts}/items/${item.id}`, { token: t.token })).status,
    ).toBe(404)
  })

  it('the clock can be advanced', async () => {
    const before = t.sim.clock()
    await http(t.sim, 'POST', '/_sim/clock', { body: { advanceMs: 60_000 } })
    expect(t.sim.clock() - before).toBe(60_000)
  })
})
