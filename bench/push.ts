import { pathToFileURL } from 'node:url'
import { readEnv } from '../server/src/config'
import { type BenchWorld, DEMO, liftRateBudgets, p95, pushesIdle, startBenchWorld, until } from './sync-world'

export type PushFigures = {
  push: {
    items: number
    requests: number
    requestsPer100Items: number
    status429: number
    seconds: number
    floorSeconds: number
    peakRssMb: number
    unlimitedItemsPerSecond: number
  }
  latency: { hubToWebflowP95Ms: number; webflowToHubP95Ms: number }
}

const ITEMS = readEnv('BENCH_QUICK') ? 2_000 : 10_000

/**
 * The initial publish of ITEMS published hub items into a new Webflow collection, at the CMS plan's
 * 120 requests a minute and again with the limit off; then the latency of one edit in each direction.
 */
export async function benchPush(): Promise<PushFigures> {
  const limited = await startBenchWorld({ rateLimit: 'plan' })
  try {
    const run = await publish(limited, 'bench-limited')
    const latency = await latencies(limited, run.linkId)
    const unlimited = await startBenchWorld({ rateLimit: 'off' })
    let unlimitedItemsPerSecond = 0
    try {
      await liftRateBudgets(unlimited.runtime.db)
      const fast = await publish(unlimited, 'bench-unlimited')
      unlimitedItemsPerSecond = Math.round(ITEMS / fast.seconds)
    } finally {
      await unlimited.close()
    }
    return { push: { ...run.figures, unlimitedItemsPerSecond }, latency }
  } finally {
    await limited.close()
  }
}

async function publish(world: BenchWorld, slug: string) {
  const content = (m: string, url: string, body?: unknown) =>
    world.call(m, `/api/v1${url}`, body, world.apiKey)
  const created = await content('POST', '/collections', {
    slug,
    name: slug,
    singularName: slug,
    fields: [
      { slug: 'summary', name: 'Summary', type: 'text' },
      { slug: 'price', name: 'Price', type: 'number' },
    ],
  })
  const collectionId = created.json.id
  for (let i = 0; i < ITEMS; i += 1000) {
    const items = Array.from({ length: Math.min(1000, ITEMS - i) }, (_, k) => ({
      slug: `item-${i + k}`,
      name: `Item ${i + k}`,
      status: 'published',
      fields: { summary: `Summary of item ${i + k}`, price: i + k },
    }))
    const res = await content('POST', `/collections/${collectionId}/items/bulk`, { items })
    if (res.status !== 200) throw new Error(`bulk upsert failed: ${JSON.stringify(res.json)}`)
  }
  await world.sim.app.inject({ method: 'POST', url: '/_sim/counters/reset' })
  let peakRss = process.memoryUsage().rss
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
  }, 100)
  const started = performance.now()
  const link = await world.call('POST', `/admin/api/sites/${DEMO.siteId}/links`, {
    mode: 'publish',
    hubCollectionId: collectionId,
    // A new collection goes live with one site publish (docs/webflow.md); the wizard asks for it.
    publishSite: true,
    fields: ['summary', 'price'],
  })
  if (link.status !== 201) throw new Error(`connect failed: ${JSON.stringify(link.json)}`)
  const linkId = link.json.id
  await until(
    async () => {
      const s = await world.call('GET', `/admin/api/sites/${DEMO.siteId}/links/${linkId}`)
      return s.json.state === 'live' && s.json.progress.done === ITEMS
    },
    600_000,
    100,
  )
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  const counters = (await world.sim.app.inject('/_sim/counters')).json()
  const requests = counters.requests.total as number
  const limit = 120
  return {
    linkId,
    seconds,
    figures: {
      items: ITEMS,
      requests,
      requestsPer100Items: Math.round((requests / (ITEMS / 100)) * 100) / 100,
      status429: counters.status429 as number,
      seconds: Math.round(seconds * 100) / 100,
      // A rolling minute lets `limit` requests through at once; only the rest must wait.
      floorSeconds: Math.max(0, Math.ceil((requests - limit) / limit)) * 60,
      peakRssMb: Math.round(peakRss / 1024 / 1024),
    },
  }
}

/** One hub edit at a time until Webflow shows it; then Designer edits at 50/s until the hub shows them. */
async function latencies(world: BenchWorld, linkId: string) {
  // The site publish was for the new collection; edits are measured without one after each push, and on
  // a fresh minute of the token's budget (the initial publish may have spent it: that is its floor).
  await world.call('PATCH', `/admin/api/sites/${DEMO.siteId}/links/${linkId}`, { publishSite: false })
  await quiesce(world)
  await pushesIdle(world)
  await new Promise((r) => setTimeout(r, 61_000))
  const before = (await world.sim.app.inject('/_sim/counters')).json().requests.total as number
  const link = (await world.call('GET', `/admin/api/sites/${DEMO.siteId}/links/${linkId}`)).json
  const items = (
    await world.call(
      'GET',
      `/api/v1/collections/${link.hubCollectionId}/items?limit=60`,
      undefined,
      world.apiKey,
    )
  ).json.items
  // Read the simulator's own state: polling through the API would spend the token's budget.
  const webflowItem = (slug: string) => {
    const c = world.sim.store.collections.get(link.webflowCollectionId)!
    const id = [...c.slugs.entries()].find(([key]) => key.endsWith(`/${slug}`))?.[1]
    const variant = id ? [...(c.items.get(id)?.variants.values() ?? [])][0] : undefined
    return variant && id ? { id, fieldData: variant.staged.fieldData } : undefined
  }
  const hubToWebflow: number[] = []
  for (const item of items.slice(0, 20)) {
    const name = `Edited ${item.slug}`
    const t0 = performance.now()
    await world.call(
      'PATCH',
      `/api/v1/collections/${link.hubCollectionId}/items/${item.id}`,
      { name },
      world.apiKey,
    )
    await until(async () => JSON.stringify(webflowItem(item.slug) ?? {}).includes(name), 30_000, 5)
    hubToWebflow.push(performance.now() - t0)
  }
  const after = (await world.sim.app.inject('/_sim/counters')).json().requests.total as number
  console.log(`bench: ${after - before} Webflow requests for 20 single hub edits`)
  await quiesce(world)
  const edits = items.slice(20, 60)
  const sent = new Map<string, number>()
  const webflowToHub: number[] = []
  const pending = new Set<string>(edits.map((i: { id: string }) => i.id))
  // The hub is watched while the edits go out, so each edit's latency is its own.
  const watching = until(
    async () => {
      const { rows } = await world.runtime.db.query<{ id: string; name: string }>(
        'select id, name from hub_items where id = any($1::uuid[])',
        [[...pending]],
      )
      for (const r of rows) {
        if (r.name.startsWith('Designer ') && sent.has(r.id)) {
          webflowToHub.push(performance.now() - sent.get(r.id)!)
          pending.delete(r.id)
        }
      }
      return pending.size === 0
    },
    60_000,
    5,
  )
  for (const item of edits) {
    const wfItem = webflowItem(item.slug)
    sent.set(item.id, performance.now())
    world.sim.control.designer.updateItem(link.webflowCollectionId, wfItem!.id, {
      fieldData: { name: `Designer ${item.slug}` },
    })
    await new Promise((r) => setTimeout(r, 20))
  }
  await watching
  return { hubToWebflowP95Ms: p95(hubToWebflow), webflowToHubP95Ms: p95(webflowToHub) }
}

/** Lets the echoes of earlier writes drain, so each latency is measured on an idle system. */
async function quiesce(world: BenchWorld) {
  await world.sim.control.webhooksIdle(600_000)
  await until(
    async () => {
      const { rowCount } = await world.runtime.db.query(
        `select 1 from inbox where status = 'pending' limit 1`,
      )
      return rowCount === 0
    },
    600_000,
    50,
  )
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchPush(), null, 2))
}
