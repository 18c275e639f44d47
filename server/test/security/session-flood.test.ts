import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { requestsSince } from '../reliability/reliability-world'
import { DEMO, type SyncWorld, startSyncWorld } from '../sync/sync-world'

const ITEMS = 1_000

/** Junk a stranger can send: half not even JWT-shaped, half well-formed JWTs Webflow never issued. */
function junkToken(i: number): string {
  if (i % 2) return `junk-${i}-${randomBytes(8).toString('hex')}`
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub: `u${i}`, exp: 9e9 })}.${randomBytes(32).toString('base64url')}`
}

/** Publishes ITEMS new hub items through a new link; Webflow requests and seconds it took. */
async function push(world: SyncWorld, slug: string) {
  const collectionId = await world.content.createCollection(slug, [
    { slug: 'summary', name: 'Summary', type: 'text' },
  ])
  const items = Array.from({ length: ITEMS }, (_, i) => ({
    slug: `${slug}-${i}`,
    name: `${slug} ${i}`,
    status: 'published',
    fields: { summary: `item ${i}` },
  }))
  const bulk = await world.content.call('POST', `/collections/${collectionId}/items/bulk`, { items })
  expect(bulk.statusCode).toBe(200)
  const since = world.sim.control.counters().requests.total
  const started = performance.now()
  const link = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
    mode: 'publish',
    hubCollectionId: collectionId,
    fields: ['summary'],
  })
  expect(link.statusCode).toBe(201)
  // Works jobs until every item is in Webflow (the echo webhooks are left to settle afterwards).
  const pushed = async () =>
    (
      await world.ctx.db.query(
        `select count(*)::int as n from item_links where link_id = $1 and webflow_item_id is not null`,
        [link.json().id],
      )
    ).rows[0].n
  while ((await pushed()) < ITEMS) {
    const { completed } = await world.ctx.drain()
    if (!completed) await new Promise((r) => setTimeout(r, 20))
    if (performance.now() - started > 120_000) throw new Error(`push stuck at ${await pushed()} items`)
  }
  const seconds = (performance.now() - started) / 1000
  const requests = requestsSince(world, since)
  await world.sim.control.webhooksIdle(120_000)
  await world.settle()
  return { requests, seconds }
}

describe('POST /api/session cannot starve sync', async () => {
  // The plan's rate limit (120 a minute) and no item cap: two pushes of 1,000 items on one site.
  const world = await startSyncWorld({ rateLimit: 'plan', itemCaps: false, echoApiWrites: false })

  it('1,000 junk ID tokens from one IP: 401/429, never 5xx; the next push of 1,000 items is as cheap as without', async () => {
    const baseline = await push(world, 'calm')

    const beforeFlood = world.sim.control.counters().requests.total
    const statuses: number[] = []
    let next = 0
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        while (next < 1_000) {
          const i = next++
          const res = await fetch(`${world.publicUrl}/api/session`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ idToken: junkToken(i), siteId: DEMO.siteId, canEdit: true }),
          })
          statuses.push(res.status)
          if (res.status === 429) {
            expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
            expect(((await res.json()) as { error: { code: string } }).error.code).toBe('rate_limited')
          } else await res.arrayBuffer()
        }
      }),
    )
    const floodRequests = world.sim.control.counters().requests.total - beforeFlood
    expect(statuses).toHaveLength(1_000)
    expect(statuses.filter((s) => s >= 500)).toEqual([])
    expect(new Set(statuses)).toEqual(new Set([401, 429]))
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(950)
    // Only JWT-shaped tokens ever reach Webflow, at most the ID-token budget of the installation.
    expect(floodRequests).toBeLessThanOrEqual(10)

    const flooded = await push(world, 'flooded')
    console.info(
      `push of ${ITEMS} items: ${baseline.requests} requests in ${baseline.seconds.toFixed(2)} s calm, ` +
        `${flooded.requests} in ${flooded.seconds.toFixed(2)} s after a flood (${floodRequests} Webflow requests by the flood)`,
    )
    expect(flooded.requests).toBe(baseline.requests)
    expect(flooded.seconds).toBeLessThan(baseline.seconds * 1.5 + 1)
  }, 180_000)
})
