import { pathToFileURL } from 'node:url'
import { readEnv } from '../server/src/config'
import { startProcessWorld } from './process-world'

export type RateFigures = {
  status429: number
  requests: number
  seconds: number
  items: number
  workers: number
  /** Most requests Webflow saw in any rolling minute (the CMS plan allows 120). */
  peakPerMinute: number
  /** The least time the requests can take at 120 a minute: all but the first 120 wait a window. */
  floorSeconds: number
}

const WORKERS = 4
const LINKS = 4
// 3,750 items a link → 38 bulk creates each; with the collections and fields about 160 requests,
// so the 120-a-minute budget binds and the second minute is visibly paced.
const ITEMS = readEnv('BENCH_QUICK') ? 6_000 : 15_000
const LIMIT = 120

/**
 * Four worker processes (the real runtime, `ROLE=worker`) on one database and one installation push
 * four collections into one simulated Webflow site on the CMS plan (120 requests a minute, rate limit
 * on) at the same time. The per-token budget they share in Postgres should keep Webflow's 429s at 0.
 */
export async function benchRate(): Promise<RateFigures> {
  const world = await startProcessWorld('rate', { rateLimit: 'plan', requestLogSize: 5_000 })
  try {
    const collections = await world.hubCollections('rate', LINKS, ITEMS / LINKS)
    await world.startWorkers(WORKERS)
    // The install's calls stay in the token's budget (the gate counts them); only the push is reported.
    world.sim.control.resetCounters()
    // A new collection goes live with one site publish (docs/webflow.md); the wizard asks for it.
    const { seconds } = await world.publishAll(collections, ITEMS / LINKS, { publishSite: true })
    const counters = world.sim.control.counters()
    const times = world.sim.control
      .requests(5_000)
      .map((r) => new Date(r.at).getTime())
      .sort((a, b) => a - b)
    const requests = counters.requests.total as number
    return {
      status429: counters.status429 as number,
      requests,
      seconds: Math.round(seconds * 10) / 10,
      items: ITEMS,
      workers: WORKERS,
      peakPerMinute: Math.max(0, ...times.map((t) => times.filter((x) => x > t - 60_000 && x <= t).length)),
      floorSeconds: Math.max(0, Math.ceil((requests - LIMIT) / LIMIT)) * 60,
    }
  } finally {
    await world.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchRate(), null, 2))
  process.exit(0)
}
