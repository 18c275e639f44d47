import { pathToFileURL } from 'node:url'
import { readEnv } from '../server/src/config'
import { itemBatches } from './seed-items'
import { type BenchWorld, DEMO, pushesIdle, startBenchWorld, until } from './sync-world'

export type ReconcileFigures = {
  items: number
  /** Every Webflow request from "Sync now" until the drift is repaired: list pages and repair writes. */
  requests: number
  /** Staged and live list pages: at most 2 per 100 items. */
  listRequests: number
  listRequestsPer100Items: number
  seconds: number
  /** What the rate limit alone imposes on `requests`, given the budget the setup already used. */
  floorSeconds: number
  status429: number
  driftInjected: number
  driftFound: number
  driftRepaired: number
}

const ITEMS = readEnv('BENCH_QUICK') ? 2_000 : 10_000
const LIMIT = 120 // the CMS plan's requests a minute
const WINDOW_MS = 60_000

/**
 * Reconciling ITEMS published items after 100 Designer changes whose webhooks were all lost
 * (70 edits, 10 deletes, 10 creates, 10 unpublishes), at the CMS plan's 120 requests a minute:
 * "Sync now" through the admin API until every change is found and repaired.
 */
export async function benchReconcile(): Promise<ReconcileFigures> {
  const world = await startBenchWorld({ rateLimit: 'plan' })
  try {
    const link = await publish(world)
    const injected = inject(world, link.webflowCollectionId)
    // The budget the setup spent in the last minute still counts against the reconcile.
    const t0 = Date.now()
    const prior = world.sim.control
      .requests(1000)
      // Data API calls only (the log's routes carry no method; the OAuth token exchange is not one).
      .filter((r) => r.status !== 429 && /^\/(v2|beta)\//.test(r.route))
      .map((r) => new Date(r.at).getTime())
      .filter((at) => at > t0 - WINDOW_MS)
    await world.sim.app.inject({ method: 'POST', url: '/_sim/counters/reset' })
    const started = performance.now()
    const res = await world.call('POST', `/admin/api/sites/${DEMO.siteId}/links/${link.id}/resync`, {})
    if (res.status !== 202) throw new Error(`resync failed: ${JSON.stringify(res.json)}`)
    let report: { status: string; found: Record<string, number>; repaired: Record<string, number> } | null =
      null
    await until(
      async () => {
        report = (await world.call('GET', `/admin/api/sites/${DEMO.siteId}/links/${link.id}/drift`)).json
          .report
        if (report?.status !== 'done') return false
        const s = (await world.call('GET', `/admin/api/sites/${DEMO.siteId}/links/${link.id}`)).json
        return s.state === 'live' && s.counts.pending === 0
      },
      900_000,
      100,
    )
    const seconds = (performance.now() - started) / 1000
    const counters = (await world.sim.app.inject('/_sim/counters')).json()
    const byRoute = counters.requests.byRoute as Record<string, number>
    const listRequests =
      (byRoute['GET /v2/collections/:collectionId/items'] ?? 0) +
      (byRoute['GET /v2/collections/:collectionId/items/live'] ?? 0)
    const requests = counters.requests.total as number
    const r = report as unknown as { found: Record<string, number>; repaired: Record<string, number> }
    return {
      items: ITEMS,
      requests,
      listRequests,
      listRequestsPer100Items: Math.round((listRequests / (ITEMS / 100)) * 100) / 100,
      seconds: Math.round(seconds * 100) / 100,
      floorSeconds: Math.round(rateFloorMs(prior, t0, requests) / 10) / 100,
      status429: counters.status429 as number,
      driftInjected: injected.length,
      driftFound: Object.values(r.found).reduce((a, b) => a + b, 0),
      driftRepaired: await verifyRepaired(world, link, injected),
    }
  } finally {
    await world.close()
  }
}

/**
 * The rate floor: with a sliding one-minute window of `limit` requests, request n may start no sooner
 * than 60 s after request n − limit. Counting the setup's requests of the last minute (`prior`) first,
 * the floor is when the last of the run's `count` requests may start, measured from `t0`:
 *   t(k) = max(t0, t(k − limit) + 60 s),  floor = t(prior + count) − t0.
 * Zero when the whole run fits in what is left of the window.
 */
export function rateFloorMs(prior: number[], t0: number, count: number, limit = LIMIT): number {
  const times = [...prior].sort((a, b) => a - b)
  for (let k = 0; k < count; k++) {
    const before = times.length >= limit ? times[times.length - limit]! + WINDOW_MS : t0
    times.push(Math.max(t0, before))
  }
  return count ? times[times.length - 1]! - t0 : 0
}

export type BenchLink = { id: string; hubCollectionId: string; webflowCollectionId: string }

async function publish(world: BenchWorld): Promise<BenchLink> {
  const content = (m: string, url: string, body?: unknown) =>
    world.call(m, `/api/v1${url}`, body, world.apiKey)
  const created = await content('POST', '/collections', {
    slug: 'reconciled',
    name: 'Reconciled',
    singularName: 'Reconciled',
    fields: [{ slug: 'summary', name: 'Summary', type: 'text' }],
  })
  const collectionId = created.json.id
  for (const items of itemBatches(ITEMS)) {
    const res = await content('POST', `/collections/${collectionId}/items/bulk`, { items })
    if (res.status !== 200) throw new Error(`bulk upsert failed: ${JSON.stringify(res.json)}`)
  }
  const res = await world.call('POST', `/admin/api/sites/${DEMO.siteId}/links`, {
    mode: 'publish',
    hubCollectionId: collectionId,
    // A new collection goes live with one site publish (docs/webflow.md); the wizard asks for it.
    publishSite: true,
    fields: ['summary'],
  })
  if (res.status !== 201) throw new Error(`connect failed: ${JSON.stringify(res.json)}`)
  const link: BenchLink = res.json
  await until(
    async () => {
      const s = await world.call('GET', `/admin/api/sites/${DEMO.siteId}/links/${link.id}`)
      return s.json.state === 'live' && s.json.progress.done === ITEMS
    },
    600_000,
    100,
  )
  // The echoes of the publish are applied, and the site publish's follow-up done, before the drift goes in.
  await world.sim.control.webhooksIdle(600_000)
  await pushesIdle(world)
  await until(async () => {
    const { rowCount } = await world.runtime.db.query(`select 1 from inbox where status = 'pending' limit 1`)
    return rowCount === 0
  }, 600_000)
  return link
}

type Injected = { kind: 'edit' | 'delete' | 'create' | 'unpublish'; slug: string; name?: string }

/** 100 Designer changes through the simulator's control API, every webhook lost. */
export function inject(world: BenchWorld, collectionId: string): Injected[] {
  const collection = world.sim.store.collections.get(collectionId)!
  const ids = [...collection.items.keys()]
  const pick = (n: number) => ids[Math.floor((n * ids.length) / 100)]!
  const slugOf = (id: string) =>
    String([...collection.items.get(id)!.variants.values()][0]!.staged.fieldData.slug)
  const designer = world.sim.control.designer
  const out: Injected[] = []
  world.sim.control.setFaults({ webhooks: { loseRate: 1 } })
  try {
    for (let n = 0; n < 70; n++) {
      const name = `Designer edit ${n}`
      designer.updateItem(collectionId, pick(n), { fieldData: { name } })
      out.push({ kind: 'edit', slug: slugOf(pick(n)), name })
    }
    for (let n = 70; n < 80; n++) {
      out.push({ kind: 'delete', slug: slugOf(pick(n)) })
      designer.deleteItem(collectionId, pick(n))
    }
    for (let n = 0; n < 10; n++) {
      designer.createItem(collectionId, { fieldData: { name: `New ${n}`, slug: `designer-new-${n}` } })
      out.push({ kind: 'create', slug: `designer-new-${n}`, name: `New ${n}` })
    }
    for (let n = 80; n < 90; n++) {
      designer.unpublishItem(collectionId, pick(n))
      out.push({ kind: 'unpublish', slug: slugOf(pick(n)) })
    }
  } finally {
    world.sim.control.clearFaults()
  }
  return out
}

/**
 * Counts the injected changes both sides now agree on: edits and creates in the hub, deleted items
 * created again in Webflow (two-way: the hub still has them), unpublished items drafts in the hub.
 */
export async function verifyRepaired(
  world: BenchWorld,
  link: BenchLink,
  injected: Injected[],
): Promise<number> {
  const { rows } = await world.runtime.db.query<{ slug: string; name: string; status: string; wf: string }>(
    `select h.slug, h.name, h.status, il.webflow_item_id as wf from hub_items h
     join item_links il on il.hub_item_id = h.id and il.link_id = $1 where h.deleted_at is null`,
    [link.id],
  )
  const bySlug = new Map(rows.map((r) => [r.slug, r]))
  const wfIds = new Set(world.sim.store.collections.get(link.webflowCollectionId)!.items.keys())
  return injected.filter((c) => {
    const r = bySlug.get(c.slug)
    if (!r || !wfIds.has(r.wf)) return false
    if (c.kind === 'unpublish') return r.status === 'draft'
    return c.name === undefined || r.name === c.name
  }).length
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchReconcile(), null, 2))
  process.exit(0)
}
