import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { readEnv } from '../server/src/config'
import { inject, verifyRepaired } from './reconcile'
import { itemBatches } from './seed-items'
import {
  type BenchWorld,
  DEMO,
  freePort,
  liftRateBudgets,
  pushesIdle,
  startBenchWorld,
  until,
} from './sync-world'

export type BigFigures = {
  items: number
  /** The initial publish of every item into a new Webflow collection, rate limit off. */
  pushItemsPerSecond: number
  /** "Sync now" over the whole collection after 100 changes whose webhooks were lost. */
  reconcileItemsPerSecond: number
  /** Peak RSS of the worker process over the push and the reconcile. */
  peakRssMb: number
  /** Peak RSS of the worker process over the push alone (read before the reconcile starts). */
  pushPeakRssMb: number
  /** Peak RSS at `items` minus peak RSS at SMALL items, per 10,000 items. */
  rssGrowthMbPer10kItems: number
  driftInjected: number
  driftRepaired: number
}

const QUICK = !!readEnv('BENCH_QUICK')
const ITEMS = QUICK ? 20_000 : 100_000
const SMALL = QUICK ? 2_000 : 10_000
const ROOT = path.resolve(import.meta.dirname, '..')

/**
 * One big collection, rate limit off, on the Enterprise plan (no item cap: docs/webflow.md, Item cap):
 * publish it, lose the webhooks of 100 Designer changes, "Sync now". The jobs run in a worker process
 * of their own (`ROLE=worker`, on the build as the Docker image runs it), so its memory is what is
 * measured: the simulator holding every item and the web process live in this one. Run at SMALL
 * items and at ITEMS items, each in a fresh worker.
 */
export async function benchBig(): Promise<BigFigures> {
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'pipe' })
  const small = await run(SMALL)
  const big = await run(ITEMS)
  return {
    items: ITEMS,
    pushItemsPerSecond: Math.round(ITEMS / big.pushSeconds),
    reconcileItemsPerSecond: Math.round(ITEMS / big.reconcileSeconds),
    peakRssMb: big.peakRssMb,
    pushPeakRssMb: big.pushPeakRssMb,
    rssGrowthMbPer10kItems:
      Math.round(((big.peakRssMb - small.peakRssMb) / ((ITEMS - SMALL) / 10_000)) * 100) / 100,
    driftInjected: big.driftInjected,
    driftRepaired: big.driftRepaired,
  }
}

async function run(items: number) {
  // Echoes of Bindery's own writes (a webhook per item, unconfirmed in Webflow: docs/webflow.md) are
  // the webhooks bench's subject; here they would only measure webhook delivery on a loaded machine.
  const world = await startBenchWorld(
    { rateLimit: 'off', itemCaps: true, echoApiWrites: false },
    { ROLE: 'web' },
  )
  world.sim.control.setSitePlan(DEMO.siteId, 'enterprise')
  let worker: ChildProcess | undefined
  try {
    const collectionId = await seed(world, items)
    await liftRateBudgets(world.runtime.db)
    worker = await startWorker(world)
    const pid = worker.pid!
    const readyRssMb = Math.round(statusKb(pid, 'VmRSS') / 1024)
    console.log(`bench big ${items}: seeded, worker ${pid} ready at ${readyRssMb} MB`)
    const t0 = performance.now()
    const link = await world.call('POST', `/admin/api/sites/${DEMO.siteId}/links`, {
      mode: 'publish',
      hubCollectionId: collectionId,
      publishSite: true,
      fields: ['summary'],
    })
    if (link.status !== 201) throw new Error(`connect failed: ${JSON.stringify(link.json)}`)
    const linkId: string = link.json.id
    await until(
      async () => {
        const s = await world.call('GET', `/admin/api/sites/${DEMO.siteId}/links/${linkId}`)
        return s.json.state === 'live' && s.json.progress.done === items
      },
      1_800_000,
      200,
    )
    const pushSeconds = (performance.now() - t0) / 1000
    const pushPeakRssMb = Math.round(statusKb(pid, 'VmHWM') / 1024)
    console.log(
      `bench big ${items}: pushed in ${pushSeconds.toFixed(1)} s, worker peak RSS ${pushPeakRssMb} MB`,
    )
    await settle(world)
    const injected = inject(world, link.json.webflowCollectionId)
    const t1 = performance.now()
    const res = await world.call('POST', `/admin/api/sites/${DEMO.siteId}/links/${linkId}/resync`, {})
    if (res.status !== 202) throw new Error(`resync failed: ${JSON.stringify(res.json)}`)
    await until(
      async () => {
        const drift = await world.call('GET', `/admin/api/sites/${DEMO.siteId}/links/${linkId}/drift`)
        if (drift.json.report?.status !== 'done') return false
        const s = await world.call('GET', `/admin/api/sites/${DEMO.siteId}/links/${linkId}`)
        return s.json.state === 'live' && s.json.counts.pending === 0
      },
      1_800_000,
      200,
    )
    const reconcileSeconds = (performance.now() - t1) / 1000
    const peakRssMb = Math.round(statusKb(pid, 'VmHWM') / 1024)
    const driftRepaired = await verifyRepaired(world, link.json, injected)
    console.log(
      `bench big ${items}: push ${pushSeconds.toFixed(1)} s, reconcile ${reconcileSeconds.toFixed(1)} s, ` +
        `worker peak RSS ${peakRssMb} MB, drift repaired ${driftRepaired}/${injected.length}`,
    )
    return {
      pushSeconds,
      reconcileSeconds,
      peakRssMb,
      pushPeakRssMb,
      driftInjected: injected.length,
      driftRepaired,
    }
  } finally {
    if (worker) await stop(worker)
    await world.close()
  }
}

/** Hub items through the content API, 1,000 a request, as a content system would send them. */
async function seed(world: BenchWorld, items: number): Promise<string> {
  const content = (m: string, url: string, body?: unknown) =>
    world.call(m, `/api/v1${url}`, body, world.apiKey)
  const created = await content('POST', '/collections', {
    slug: 'big',
    name: 'Big',
    singularName: 'Big',
    fields: [{ slug: 'summary', name: 'Summary', type: 'text' }],
  })
  for (const batch of itemBatches(items)) {
    const res = await content('POST', `/collections/${created.json.id}/items/bulk`, { items: batch })
    if (res.status !== 200) throw new Error(`bulk upsert failed: ${JSON.stringify(res.json)}`)
  }
  return created.json.id
}

/** Waits for the echoes of the publish and the site publish's follow-up, before drift goes in. */
async function settle(world: BenchWorld) {
  await world.sim.control.webhooksIdle(1_800_000)
  await pushesIdle(world)
  await until(async () => {
    const { rowCount } = await world.runtime.db.query(`select 1 from inbox where status = 'pending' limit 1`)
    return rowCount === 0
  }, 1_800_000)
}

/**
 * A Bindery worker process on the same database, as the Docker image runs one with `ROLE=worker`:
 * `npm run start:prod`'s command on the build, with the image's NODE_OPTIONS (its heap cap).
 */
async function startWorker(world: BenchWorld): Promise<ChildProcess> {
  const port = await freePort()
  // BENCH_WORKER_ARGS adds node flags to the worker, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`; they
  // win over NODE_OPTIONS (`--max-old-space-size=4096` measures it uncapped).
  const args = (readEnv('BENCH_WORKER_ARGS') ?? '').split(' ').filter(Boolean)
  const child = spawn(process.execPath, [...args, '--conditions=bindery-build', 'server/dist/server.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...world.env,
      NODE_OPTIONS: imageNodeOptions(),
      ROLE: 'worker',
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  // The worker never outlives the bench.
  process.once('exit', () => child.kill())
  await until(
    async () => {
      if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}`)
      return fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    },
    60_000,
    100,
  )
  return child
}

/** The NODE_OPTIONS the Dockerfile sets, so the bench measures what the image runs. */
function imageNodeOptions(): string {
  const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')
  const options = /^ENV NODE_OPTIONS=(.+)$/m.exec(dockerfile)?.[1]
  if (!options) throw new Error('the Dockerfile sets no NODE_OPTIONS')
  return options
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await exited
}

/** A figure of /proc/<pid>/status in kB: VmHWM is the peak resident set, VmRSS the current one. */
function statusKb(pid: number, key: 'VmHWM' | 'VmRSS'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${key}:`))
  return Number(line?.split(/\s+/)[1] ?? 0)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchBig(), null, 2))
  process.exit(0)
}
