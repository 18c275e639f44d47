import { pathToFileURL } from 'node:url'
import { readEnv } from '../server/src/config'
import { type BenchWorld, DEMO, startBenchWorld, until } from './sync-world'

export type LocalesFigures = {
  items: number
  locales: number
  /** Initial publish of draft items: create, bulk create in every locale, then the translations. */
  pushWriteRequests: number
  pushRequestsPer100ItemVersions: number
  /** The same with every item published (the new collection goes live with one site publish). */
  pushRequestsPer100ItemVersionsPublished: number
  reconcileListRequests: number
  reconcileRequestsPer100Items: number
  driftInjected: number
  driftFound: number
}

const ITEMS = readEnv('BENCH_QUICK') ? 500 : 2_000
const DE = { cmsLocaleId: '64f0a1b2c3d4e5f601234571', tag: 'de-DE' }
const WRITE = /^(POST|PATCH|DELETE) \/v2\/(collections\/:collectionId\/items|sites\/:siteId\/publish)/
const LIST = /^GET \/v2\/collections\/:collectionId\/items(\/live)?$/

/**
 * Localized sites (issue 13): ITEMS items × 3 locales (English primary, French, German). The initial
 * publish is measured in write requests per 100 item versions; the reconcile of 30 per-locale drifts
 * (Designer edits of translations whose webhooks were lost) in list requests per 100 items per locale.
 */
export async function benchLocales(): Promise<LocalesFigures> {
  const drafts = await run('draft')
  const published = await run('published')
  // Reconcile figures from the published run: it lists the live items too, the dearer case.
  return {
    ...published,
    pushWriteRequests: drafts.pushWriteRequests,
    pushRequestsPer100ItemVersions: drafts.pushRequestsPer100ItemVersions,
    pushRequestsPer100ItemVersionsPublished: published.pushRequestsPer100ItemVersions,
  }
}

async function run(status: 'draft' | 'published'): Promise<LocalesFigures> {
  const world = await startBenchWorld({ rateLimit: 'off' })
  try {
    // A third locale on the demo site (English + French): German.
    world.sim.store.sites.get(DEMO.siteId)!.locales.push({
      id: 'de-locale',
      displayName: 'German (Germany)',
      subdirectory: 'de',
      ...DE,
    })
    const versions = ITEMS * 3
    const link = await publish(world, status)
    const pushWriteRequests = await countRequests(world, WRITE)
    await reset(world)
    const injected = inject(world, link.webflowCollectionId)
    const res = await world.call('POST', `/admin/api/sites/${DEMO.siteId}/links/${link.id}/resync`, {})
    if (res.status !== 202) throw new Error(`resync failed: ${JSON.stringify(res.json)}`)
    let found = 0
    await until(
      async () => {
        const report = (await world.call('GET', `/admin/api/sites/${DEMO.siteId}/links/${link.id}/drift`))
          .json.report
        if (report?.status !== 'done') return false
        found = Object.values(report.found as Record<string, number>).reduce((a, b) => a + b, 0)
        return true
      },
      600_000,
      100,
    )
    const listRequests = await countRequests(world, LIST)
    return {
      items: ITEMS,
      locales: 3,
      pushWriteRequests,
      pushRequestsPer100ItemVersions: round(pushWriteRequests / (versions / 100)),
      pushRequestsPer100ItemVersionsPublished: 0,
      reconcileListRequests: listRequests,
      reconcileRequestsPer100Items: round(listRequests / ((ITEMS / 100) * 3)),
      driftInjected: injected,
      driftFound: found,
    }
  } finally {
    await world.close()
  }
}

async function publish(world: BenchWorld, status: 'draft' | 'published') {
  const content = (m: string, url: string, body?: unknown) =>
    world.call(m, `/api/v1${url}`, body, world.apiKey)
  const created = await content('POST', '/collections', {
    slug: 'localized',
    name: 'Localized',
    singularName: 'Localized',
    fields: [{ slug: 'summary', name: 'Summary', type: 'text' }],
  })
  const collectionId = created.json.id
  await content('POST', `/collections/${collectionId}/locales`, { locales: ['fr-FR', DE.tag] })
  for (let i = 0; i < ITEMS; i += 1000) {
    const items = Array.from({ length: Math.min(1000, ITEMS - i) }, (_, k) => ({
      slug: `item-${i + k}`,
      name: `Item ${i + k}`,
      status,
      fields: { summary: `Summary ${i + k}` },
      locales: {
        'fr-FR': {
          slug: `article-${i + k}`,
          name: `Article ${i + k}`,
          fields: { summary: `Résumé ${i + k}` },
        },
        [DE.tag]: {
          slug: `artikel-${i + k}`,
          name: `Artikel ${i + k}`,
          fields: { summary: `Zusammenfassung ${i + k}` },
        },
      },
    }))
    const res = await content('POST', `/collections/${collectionId}/items/bulk`, { items })
    if (res.status !== 200) throw new Error(`bulk upsert failed: ${JSON.stringify(res.json)}`)
  }
  await reset(world)
  const res = await world.call('POST', `/admin/api/sites/${DEMO.siteId}/links`, {
    mode: 'publish',
    // A new collection goes live with a site publish (docs/webflow.md, New collections and the site).
    publishSite: true,
    hubCollectionId: collectionId,
    fields: ['summary'],
  })
  if (res.status !== 201) throw new Error(`connect failed: ${JSON.stringify(res.json)}`)
  const link: { id: string; webflowCollectionId: string } = res.json
  await until(
    async () => {
      const { rows } = await world.runtime.db.query<{ n: number }>(
        `select (select count(*) from item_links where link_id = $1 and dirty)
              + (select count(*) from item_link_locales where link_id = $1 and dirty) as n`,
        [link.id],
      )
      const s = await world.call('GET', `/admin/api/sites/${DEMO.siteId}/links/${link.id}`)
      return s.json.state === 'live' && Number(rows[0]!.n) === 0
    },
    600_000,
    100,
  )
  await world.sim.control.webhooksIdle(600_000)
  await until(async () => {
    const { rowCount } = await world.runtime.db.query(`select 1 from inbox where status = 'pending' limit 1`)
    return rowCount === 0
  }, 600_000)
  return link
}

/** 30 Designer edits of translations (15 French, 15 German) whose webhooks are all lost. */
function inject(world: BenchWorld, collectionId: string): number {
  const ids = [...world.sim.store.collections.get(collectionId)!.items.keys()]
  world.sim.control.setFaults({ webhooks: { loseRate: 1 } })
  try {
    for (let n = 0; n < 30; n++) {
      const cmsLocaleId = n % 2 ? DE.cmsLocaleId : DEMO.frCmsLocaleId
      world.sim.control.designer.updateItem(collectionId, ids[Math.floor((n * ids.length) / 30)]!, {
        cmsLocaleId,
        fieldData: { summary: `Designer translation ${n}` },
      })
    }
  } finally {
    world.sim.control.clearFaults()
  }
  return 30
}

async function reset(world: BenchWorld) {
  await world.sim.app.inject({ method: 'POST', url: '/_sim/counters/reset' })
}

async function countRequests(world: BenchWorld, route: RegExp): Promise<number> {
  const byRoute = (await world.sim.app.inject('/_sim/counters')).json().requests.byRoute as Record<
    string,
    number
  >
  return Object.entries(byRoute)
    .filter(([r]) => route.test(r))
    .reduce((n, [, c]) => n + c, 0)
}

const round = (n: number) => Math.round(n * 100) / 100

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchLocales(), null, 2))
  process.exit(0)
}
