import { pathToFileURL } from 'node:url'
import { readEnv } from '../server/src/config'
import { DEMO, type ProcessWorld, startProcessWorld } from './process-world'
import { cpuSeconds } from './processes'
import { liftRateBudgets } from './sync-world'

export type ScaleFigures = {
  items: number
  links: number
  /** Push throughput, rate limit off, with one worker process and with two. */
  oneWorkerItemsPerSecond: number
  twoWorkersItemsPerSecond: number
  /** Two workers' throughput divided by one's: how far work spreads on this machine. */
  workerSpeedup: number
  /** Items per CPU second the worker processes spent: items/s one worker core sustains. */
  itemsPerWorkerCpuSecond: number
  /** Webflow items created beyond one per hub item, over both runs: must be 0. */
  duplicates: number
  /** Most Postgres connections open at once during the two-worker run (1 web + 2 workers). */
  peakPgConnections: number
}

const LINKS = 8
const PER_LINK = readEnv('BENCH_QUICK') ? 500 : 5_000

/**
 * The initial publish of LINKS collections (rate limit off) by one worker process, then on a fresh
 * database by two: throughput, its ratio, and duplicate Webflow items counted at the simulator (a
 * second create of one hub item would show as another Webflow item, `slug-2`, and another create).
 */
export async function benchScale(): Promise<ScaleFigures> {
  const one = await run(1)
  const two = await run(2)
  const items = LINKS * PER_LINK
  return {
    items,
    links: LINKS,
    oneWorkerItemsPerSecond: Math.round(items / one.seconds),
    twoWorkersItemsPerSecond: Math.round(items / two.seconds),
    workerSpeedup: Math.round((one.seconds / two.seconds) * 100) / 100,
    itemsPerWorkerCpuSecond: Math.round(items / one.workerCpuSeconds),
    duplicates: one.duplicates + two.duplicates,
    peakPgConnections: two.peakConnections,
  }
}

async function run(workers: number) {
  const world = await startProcessWorld(`scale${workers}`, { rateLimit: 'off', duplicateSlug: 'suffix' })
  try {
    const collections = await world.hubCollections('scale', LINKS, PER_LINK)
    await liftRateBudgets(world.web.db)
    const pids = (await world.startWorkers(workers)).map((c) => c.pid!)
    world.sim.control.resetCounters()
    const cpuBefore = pids.map(cpuSeconds)
    let peakConnections = 0
    const sampler = setInterval(() => {
      // A busy shared Postgres may refuse the sample's connection: the sample is skipped.
      connections(world).then(
        (n) => {
          peakConnections = Math.max(peakConnections, n)
        },
        () => {},
      )
    }, 250)
    const { seconds, links } = await world
      .publishAll(collections, PER_LINK)
      .finally(() => clearInterval(sampler))
    const workerCpuSeconds = pids.reduce((sum, pid, i) => sum + cpuSeconds(pid) - cpuBefore[i]!, 0)
    // What Webflow holds: each link's collection, read from the simulator's state.
    let webflowItems = 0
    for (const id of links) {
      const link = await world.call<{ webflowCollectionId: string }>(
        'GET',
        `/admin/api/sites/${DEMO.siteId}/links/${id}`,
      )
      webflowItems += world.sim.store.collections.get(link.webflowCollectionId)?.items.size ?? 0
    }
    const created = world.sim.control.counters().items.created as number
    console.log(
      `bench scale: ${workers} worker(s) ${seconds.toFixed(1)} s, ${workerCpuSeconds.toFixed(1)} worker CPU s, ` +
        `${peakConnections} Postgres connections at most, ${created} creates, ${webflowItems} Webflow items`,
    )
    return {
      seconds,
      workerCpuSeconds,
      peakConnections,
      duplicates: Math.max(created, webflowItems) - LINKS * PER_LINK,
    }
  } finally {
    await world.close()
  }
}

/** Connections to the world's database right now, from Postgres's own view. */
async function connections(world: ProcessWorld): Promise<number> {
  const { rows } = await world.web.db.query<{ n: number }>(
    'select count(*)::int as n from pg_stat_activity where datname = current_database()',
  )
  return rows[0]?.n ?? 0
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchScale(), null, 2))
  process.exit(0)
}
