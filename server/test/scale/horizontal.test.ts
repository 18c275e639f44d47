import { createSimulator } from '@bindery/sim/create-simulator'
import { DEMO, seedDemo } from '@bindery/sim/demo-seed'
import { afterAll, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, type BinderyProcess, freePort, startBinderyProcess } from '../helpers/bindery-process'
import { createTestDatabase } from '../helpers/test-database'
import { browse, CLIENT_ID, CLIENT_SECRET } from '../install/install-world'

const LINKS = 5
const PER_LINK = 1_000
const EDITS = 20

/** `bindery_items_pushed_total` or `bindery_items_pulled_total` as one process's /metrics reports it. */
async function counted(proc: BinderyProcess, metric: 'pushed' | 'pulled'): Promise<number> {
  const res = await fetch(`${proc.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
  const line = (await res.text()).split('\n').find((l) => l.startsWith(`bindery_items_${metric}_total `))
  return Number(line?.split(' ')[1] ?? 0)
}

describe('horizontal scale: one web and two worker processes on one Postgres', () => {
  it('push 5,000 items with none lost or pushed twice, and process hub edits and webhooks', {
    timeout: 400_000,
  }, async () => {
    const database = await createTestDatabase()
    const port = await freePort()
    const publicUrl = `http://127.0.0.1:${port}`
    const sim = await createSimulator({
      port: 0,
      rateLimit: 'off',
      itemCaps: false,
      webhookRetryIntervalMs: 1_000,
      // A second create of one hub item would show as a second Webflow item (`slug-2`), not a 400.
      duplicateSlug: 'suffix',
      app: {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUris: [`${publicUrl}/oauth/callback`],
      },
    })
    seedDemo(sim)
    const procs: BinderyProcess[] = []
    afterAll(async () => {
      for (const p of procs) p.child.kill('SIGTERM')
      await Promise.all(procs.map((p) => p.exited))
      await sim.close()
    })
    const opts = { databaseUrl: database.url, publicUrl, simUrl: sim.url }
    // The web process first: it migrates; the workers start against the migrated database.
    const web = await startBinderyProcess({ role: 'web', port, ...opts })
    procs.push(web)
    const workers = await Promise.all([
      startBinderyProcess({ role: 'worker', ...opts }),
      startBinderyProcess({ role: 'worker', ...opts }),
    ])
    procs.push(...workers)
    expect((await browse(`${publicUrl}/oauth/install`)).status).toBe(200)

    const call = async (method: string, url: string, body?: unknown, token = ADMIN_TOKEN) => {
      const res = await fetch(`${publicUrl}${url}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      })
      // biome-ignore lint/suspicious/noExplicitAny: each route answers its own JSON
      const json: any = res.status === 204 ? null : await res.json()
      if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`)
      return json
    }
    const apiKey: string = (await call('POST', `/admin/api/sites/${DEMO.siteId}/api-keys`, { name: 's' })).key
    const content = (method: string, url: string, body?: unknown) =>
      call(method, `/api/v1${url}`, body, apiKey)

    const hubCollections: string[] = []
    for (let l = 0; l < LINKS; l++) {
      const c = await content('POST', '/collections', {
        slug: `scale-${l}`,
        name: `Scale ${l}`,
        singularName: `Scale ${l}`,
        fields: [{ slug: 'summary', name: 'Summary', type: 'text' }],
      })
      const items = Array.from({ length: PER_LINK }, (_, k) => ({
        slug: `s${l}-${k}`,
        name: `Item ${l}-${k}`,
        status: 'published',
        fields: { summary: `Summary ${l}-${k}` },
      }))
      await content('POST', `/collections/${c.id}/items/bulk`, { items })
      hubCollections.push(c.id)
    }
    sim.control.resetCounters()

    // Five links connected at once: five pushes for the two workers to share.
    const links: { id: string; webflowCollectionId: string; hubCollectionId: string }[] = []
    for (const hubCollectionId of hubCollections) {
      links.push(
        await call('POST', `/admin/api/sites/${DEMO.siteId}/links`, {
          mode: 'publish',
          hubCollectionId,
          fields: ['summary'],
        }),
      )
    }
    const summaries = () =>
      Promise.all(links.map((l) => call('GET', `/admin/api/sites/${DEMO.siteId}/links/${l.id}`)))
    await expect
      .poll(async () => (await summaries()).map((s) => `${s.state} ${s.counts.synced}`), {
        timeout: 240_000,
        interval: 500,
      })
      .toEqual(links.map(() => `live ${PER_LINK}`))

    // What Webflow shows: every hub item once, by its own slug.
    for (const [l, link] of links.entries()) {
      const c = sim.store.collections.get(link.webflowCollectionId)!
      const slugs = [...c.items.values()].map((i) => [...i.variants.values()][0]!.staged.fieldData.slug)
      expect(slugs.sort()).toEqual(Array.from({ length: PER_LINK }, (_, k) => `s${l}-${k}`).sort())
    }
    // Every item was created at least once (above), and Webflow counted exactly one create each.
    expect(sim.control.counters().items.created).toBe(LINKS * PER_LINK)
    // Both workers took part, and together they wrote each item once; the web process wrote none.
    const pushed = await Promise.all(workers.map((w) => counted(w, 'pushed')))
    expect(
      pushed.every((n) => n > 0),
      `items pushed by each worker: ${pushed}`,
    ).toBe(true)
    expect(pushed[0]! + pushed[1]!).toBe(LINKS * PER_LINK)
    expect(await counted(web, 'pushed')).toBe(0)

    // Hub edits through the web process reach Webflow, each written once.
    sim.control.resetCounters()
    const page = await content('GET', `/collections/${hubCollections[0]}/items?limit=${EDITS * 2}`)
    const hubItems: { id: string; slug: string }[] = page.items
    for (const item of hubItems.slice(0, EDITS)) {
      await content('PATCH', `/collections/${hubCollections[0]}/items/${item.id}`, {
        name: `Hub edit ${item.slug}`,
      })
    }
    const first = sim.store.collections.get(links[0]!.webflowCollectionId)!
    const webflowItems = () => [...first.items.values()].map((i) => [...i.variants.values()][0]!.staged)
    await expect
      .poll(() => webflowItems().filter((v) => String(v.fieldData.name).startsWith('Hub edit ')).length, {
        timeout: 60_000,
      })
      .toBe(EDITS)
    expect(sim.control.counters().items.changed).toBe(EDITS)

    // Designer edits: Webflow's webhooks reach the web process, the workers apply them to the hub.
    const idOf = new Map([...first.slugs.entries()].map(([key, id]) => [key.split('/').pop()!, id]))
    for (const item of hubItems.slice(EDITS, EDITS * 2)) {
      sim.control.designer.updateItem(links[0]!.webflowCollectionId, idOf.get(item.slug)!, {
        fieldData: { name: `Designer edit ${item.slug}` },
      })
    }
    const designed = hubItems.slice(EDITS, EDITS * 2)
    const hubNames = () =>
      Promise.all(
        designed.map(
          async (i) => (await content('GET', `/collections/${hubCollections[0]}/items/${i.id}`)).name,
        ),
      )
    await expect.poll(hubNames, { timeout: 60_000 }).toEqual(designed.map((i) => `Designer edit ${i.slug}`))
    const pulled = await Promise.all(procs.map((p) => counted(p, 'pulled')))
    expect(pulled[0], 'the web process applies no webhook itself').toBe(0)
    expect(pulled[1]! + pulled[2]!).toBeGreaterThanOrEqual(EDITS)
    // Nothing went back to Webflow twice: the edits' echoes and the pulls wrote nothing more.
    const pushedAfter = await Promise.all(workers.map((w) => counted(w, 'pushed')))
    expect(pushedAfter[0]! + pushedAfter[1]!).toBe(LINKS * PER_LINK + EDITS)
    expect(sim.control.counters().items.created).toBe(0)
    expect(sim.control.counters().items.changed).toBe(EDITS * 2)
  })
})
