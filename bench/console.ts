import { pathToFileURL } from 'node:url'
import { readEnv } from '../server/src/config'
import { type BenchWorld, DEMO, p95, startBenchWorld } from './sync-world'

export type ConsoleFigures = {
  sites: number
  links: number
  auditRows: number
  /** The overview page's data (`/admin/api/overview` and the 24 h chart series, fetched together), p95 ms. */
  overviewMs: number
  overviewMedianMs: number
  /** One page (50 rows) of an item's history among the million audit rows, first page and 20th, p95 ms. */
  itemHistoryMs: number
  itemHistoryDeepPageMs: number
}

const SITES = 100
const LINKS = 1_000
const AUDIT_ROWS = readEnv('BENCH_QUICK') ? 200_000 : 1_000_000
const LOADS = 20

/**
 * The support console on a big install (issue 14): 100 sites, 1,000 links and a million audit rows.
 * The overview must load in ≤ 1 s; an item's history pages through the index, never the whole log.
 */
export async function benchConsole(): Promise<ConsoleFigures> {
  const world = await startBenchWorld({ rateLimit: 'off' })
  try {
    const hubItemId = await seed(world)
    const series = (await world.call('GET', '/admin/api/metrics/series')).status === 200
    const overview: number[] = []
    for (let i = 0; i < LOADS; i++) {
      const t = performance.now()
      const answers = await Promise.all([
        world.call('GET', '/admin/api/overview'),
        ...(series ? [world.call('GET', '/admin/api/metrics/series')] : []),
      ])
      overview.push(performance.now() - t)
      if (answers.some((a) => a.status !== 200))
        throw new Error(`overview failed: ${JSON.stringify(answers[0])}`)
      if (answers[0]!.json.sites.length !== SITES) throw new Error('overview lost sites')
    }
    const history: number[] = []
    const deep: number[] = []
    for (let i = 0; i < LOADS; i++) {
      let before: string | null = null
      for (let page = 1; page <= 20; page++) {
        const t = performance.now()
        const res = await world.call(
          'GET',
          `/admin/api/sites/${DEMO.siteId}/items/${hubItemId}/history?limit=50${before ? `&before=${before}` : ''}`,
        )
        const ms = performance.now() - t
        if (res.status !== 200 || res.json.entries.length !== 50)
          throw new Error(`history page ${page} failed`)
        if (page === 1) history.push(ms)
        if (page === 20) deep.push(ms)
        before = res.json.nextBefore
      }
    }
    const sorted = [...overview].sort((a, b) => a - b)
    return {
      sites: SITES,
      links: LINKS,
      auditRows: AUDIT_ROWS,
      overviewMs: round(p95(overview)),
      overviewMedianMs: round(sorted[Math.floor(sorted.length / 2)]!),
      itemHistoryMs: round(p95(history)),
      itemHistoryDeepPageMs: round(p95(deep)),
    }
  } finally {
    await world.close()
  }
}

/**
 * The demo site plus 99 more under its installation, 10 links each (a mix of states, with held jobs,
 * waiting webhooks, holds and failed items), and AUDIT_ROWS audit rows in one statement: most about
 * other items, 5,000 about one linked demo item whose history the bench pages through.
 */
async function seed(world: BenchWorld): Promise<string> {
  const db = world.runtime.db
  const { rows } = await db.query<{ installation_id: string }>(
    'select installation_id from sites where id = $1',
    [DEMO.siteId],
  )
  const installation = rows[0]!.installation_id
  await db.query(
    `insert into sites (id, installation_id, workspace_id, display_name, short_name, paused)
     select 'bench-site-' || n, $1, 'bench-ws', 'Bench site ' || n, 'bench-' || n, n % 17 = 0
     from generate_series(1, $2::int - 1) n`,
    [installation, SITES],
  )
  await db.query(
    `insert into hub_collections (site_id, slug, name, singular_name)
     select s.id, 'col-' || n, 'Collection ' || n, 'Item' from sites s, generate_series(1, $1::int) n`,
    [LINKS / SITES],
  )
  await db.query(
    `insert into links (site_id, hub_collection_id, webflow_collection_id, state, direction)
     select c.site_id, c.id, md5(c.id::text), (array['live','live','live','paused','error'])[1 + (row_number() over ()) % 5],
       'two-way'
     from hub_collections c where not exists (select 1 from links l where l.hub_collection_id = c.id)
     limit $1`,
    [LINKS],
  )
  await db.query(
    `insert into held_jobs (site_id, queue, data) select 'bench-site-' || (n % 50 + 1), 'link-push',
       jsonb_build_object('n', n) from generate_series(1, 500) n`,
  )
  await db.query(
    `insert into inbox (dedupe_key, trigger_type, site_id, payload)
     select 'bench-' || n, 'collection_item_changed', 'bench-site-' || (n % 80 + 1), '{}' from generate_series(1, 2000) n`,
  )
  // Items for the demo link, so the item history is about a real linked item.
  const link = await world.call('POST', `/admin/api/sites/${DEMO.siteId}/links`, {
    mode: 'import',
    webflowCollectionId: DEMO.authorsCollectionId,
    fields: ['bio'],
  })
  if (link.status !== 201) throw new Error(`link failed: ${JSON.stringify(link.json)}`)
  let hubItemId: string | undefined
  for (let i = 0; i < 200 && !hubItemId; i++) {
    const found = await world.call('GET', '/admin/api/items?q=ada-lovelace')
    hubItemId = found.json.items?.[0]?.hubItemId
    if (!hubItemId) await new Promise((r) => setTimeout(r, 100))
  }
  if (!hubItemId) throw new Error('the demo item never arrived')
  // One statement, as the issue asks: every 200th row is about the demo item.
  await db.query(
    `insert into audit_log (at, direction, action, site_id, subject_type, subject_id, after, correlation_id)
     select now() - make_interval(secs => $1::int - n),
       (array['push','pull','content','system'])[1 + n % 4], 'bench.write',
       case when n % 200 = 0 then $2 else 'bench-site-' || (n % 99 + 1) end,
       'hub_item',
       case when n % 200 = 0 then $3 else md5((n % 200000)::text) end,
       jsonb_build_object('n', n, 'name', 'Item ' || n), 'bench:' || n
     from generate_series(1, $1::int) n`,
    [AUDIT_ROWS, DEMO.siteId, hubItemId],
  )
  await db.query('analyze')
  return hubItemId
}

const round = (n: number) => Math.round(n * 100) / 100

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchConsole(), null, 2))
  process.exit(0)
}
