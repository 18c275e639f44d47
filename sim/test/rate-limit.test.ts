import { afterEach, describe, expect, it } from 'vitest'
import { DEMO, type DemoSim, failure, http, startDemo } from './helpers.ts'

let t: DemoSim
afterEach(async () => {
  await t.sim.close()
})

const list = (token = t.token) =>
  http(t.sim, 'GET', `/v2/collections/${DEMO.postsCollectionId}/items?limit=1`, { token })

describe('rate limits', () => {
  it('sends X-RateLimit headers from the plan (CMS = 120)', async () => {
    t = await startDemo({ rateLimit: 'plan' })
    const res = await list()
    expect(res.headers.get('x-ratelimit-limit')).toBe('120')
    expect(res.headers.get('x-ratelimit-remaining')).toBe('119')
  })

  it('Starter/Basic plans get 60', async () => {
    t = await startDemo({ rateLimit: 'plan' })
    t.sim.control.setSitePlan(DEMO.siteId, 'basic')
    expect((await list()).headers.get('x-ratelimit-limit')).toBe('60')
  })

  it('headers are on 4xx answers too', async () => {
    t = await startDemo({ rateLimit: 'plan' })
    const res = await http(t.sim, 'GET', '/v2/collections/000000000000000000000000', { token: t.token })
    expect(res.status).toBe(404)
    expect(res.headers.get('x-ratelimit-remaining')).toBe('119')
  })

  it('the request past the limit gets 429, Retry-After and the too_many_requests body', async () => {
    t = await startDemo({ rateLimit: 3 })
    for (let i = 0; i < 3; i++) expect((await list()).status).toBe(200)
    t.clock.now += 20_000
    const res = await list()
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('40')
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(res.json).toEqual({
      message: 'Too Many Requests',
      code: 'too_many_requests',
      externalReference: null,
      details: [],
    })
    expect((await failure(t.wf.sites.list())).status).toBe(429)
  })

  it('the window slides: a slot frees 60 s after the oldest request', async () => {
    t = await startDemo({ rateLimit: 2 })
    await list()
    t.clock.now += 30_000
    await list()
    expect((await list()).status).toBe(429)
    t.clock.now += 30_000
    expect((await list()).status).toBe(200)
  })

  it('retryAfterSeconds forces a fixed Retry-After', async () => {
    t = await startDemo({ rateLimit: 1, retryAfterSeconds: 1 })
    await list()
    expect((await list()).headers.get('retry-after')).toBe('1')
  })

  it('each token has its own budget', async () => {
    t = await startDemo({ rateLimit: 1 })
    await list()
    expect((await list()).status).toBe(429)
    expect((await list(t.sim.control.siteToken(DEMO.siteId))).status).toBe(200)
  })

  it('a bulk request counts once', async () => {
    t = await startDemo({ rateLimit: 2 })
    const items = Array.from({ length: 100 }, (_, i) => ({ fieldData: { name: `b${i}`, slug: `b${i}` } }))
    const res = await http(t.sim, 'POST', `/v2/collections/${DEMO.postsCollectionId}/items`, {
      token: t.token,
      body: { items },
    })
    expect(res.status).toBe(202)
    expect(res.headers.get('x-ratelimit-remaining')).toBe('1')
  })

  it("rateLimit 'off' never limits", async () => {
    t = await startDemo({ rateLimit: 'off' })
    for (let i = 0; i < 150; i++) expect((await list()).status).toBe(200)
  })

  it('OAuth and control endpoints are not limited', async () => {
    t = await startDemo({ rateLimit: 1 })
    await list()
    expect((await http(t.sim, 'GET', '/_sim/state')).status).toBe(200)
    expect((await http(t.sim, 'POST', '/oauth/access_token', { body: {} })).status).toBe(401)
  })

  it('the limit can be changed at runtime through PUT /_sim/config', async () => {
    t = await startDemo({ rateLimit: 1 })
    await list()
    await http(t.sim, 'PUT', '/_sim/config', { body: { rateLimit: 5 } })
    expect((await list()).status).toBe(200)
  })
})
