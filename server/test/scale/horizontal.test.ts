import { describe, expect, it } from 'vitest'
import { createTestDatabase } from '../helpers/test-database'
import { DEMO, itemsCounted, startScaleWorld, webflowSlugs } from './scale-world'

const LINKS = 5
const PER_LINK = 1_000
const EDITS = 20

const slugsOf = (slug: string, n: number) => Array.from({ length: n }, (_, k) => `${slug}-${k}`).sort()

describe('horizontal scale: one web and two worker processes on one Postgres', async () => {
  const database = await createTestDatabase()
  it('push 5,000 items with none lost or pushed twice, and process hub edits and webhooks', {
    timeout: 400_000,
  }, async () => {
    const { sim, web, workers, call, content, hubCollection } = await startScaleWorld(database, 2)
    const hubCollections: string[] = []
    for (let l = 0; l < LINKS; l++) hubCollections.push(await hubCollection(`scale-${l}`, PER_LINK))
    sim.control.resetCounters()

    // Five links connected at once: five pushes for the two workers to share.
    const links: { id: string; webflowCollectionId: string }[] = []
    for (const hubCollectionId of hubCollections) {
      const body = { mode: 'publish', hubCollectionId, fields: ['summary'] }
      links.push(await call('POST', `/admin/api/sites/${DEMO.siteId}/links`, body))
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
      expect(webflowSlugs(sim, link.webflowCollectionId).sort()).toEqual(slugsOf(`scale-${l}`, PER_LINK))
    }
    // Every item was created at least once (above), and Webflow counted exactly one create each.
    expect(sim.control.counters().items.created).toBe(LINKS * PER_LINK)
    // Both workers took part, and together they wrote each item once; the web process wrote none.
    const pushed = await Promise.all(workers.map((w) => itemsCounted(w, 'pushed')))
    expect(
      pushed.every((n) => n > 0),
      `items pushed by each worker: ${pushed}`,
    ).toBe(true)
    expect(pushed[0]! + pushed[1]!).toBe(LINKS * PER_LINK)
    expect(await itemsCounted(web, 'pushed')).toBe(0)

    // Hub edits through the web process reach Webflow, each written once.
    sim.control.resetCounters()
    const page = await content('GET', `/collections/${hubCollections[0]}/items?limit=${EDITS * 2}`)
    const edited: { id: string; slug: string }[] = page.items.slice(0, EDITS)
    const designed: { id: string; slug: string }[] = page.items.slice(EDITS, EDITS * 2)
    for (const item of edited) {
      await content('PATCH', `/collections/${hubCollections[0]}/items/${item.id}`, {
        name: `Hub edit ${item.slug}`,
      })
    }
    const first = sim.store.collections.get(links[0]!.webflowCollectionId)!
    const hubEditsInWebflow = () =>
      [...first.items.values()].filter((i) =>
        String([...i.variants.values()][0]!.staged.fieldData.name).startsWith('Hub edit '),
      ).length
    await expect.poll(hubEditsInWebflow, { timeout: 60_000 }).toBe(EDITS)
    expect(sim.control.counters().items.changed).toBe(EDITS)

    // Designer edits: Webflow's webhooks reach the web process, the workers apply them to the hub.
    const idOf = new Map([...first.slugs.entries()].map(([key, id]) => [key.split('/').pop()!, id]))
    for (const item of designed) {
      sim.control.designer.updateItem(links[0]!.webflowCollectionId, idOf.get(item.slug)!, {
        fieldData: { name: `Designer edit ${item.slug}` },
      })
    }
    const hubNames = () =>
      Promise.all(
        designed.map(
          async (i) => (await content('GET', `/collections/${hubCollections[0]}/items/${i.id}`)).name,
        ),
      )
    await expect.poll(hubNames, { timeout: 60_000 }).toEqual(designed.map((i) => `Designer edit ${i.slug}`))
    expect(await itemsCounted(web, 'pulled'), 'the web process applies no webhook itself').toBe(0)
    const pulled = await Promise.all(workers.map((w) => itemsCounted(w, 'pulled')))
    expect(pulled[0]! + pulled[1]!).toBeGreaterThanOrEqual(EDITS)
    // Nothing went to Webflow twice: the edits' echoes and the pulls wrote nothing more.
    const pushedAfter = await Promise.all(workers.map((w) => itemsCounted(w, 'pushed')))
    expect(pushedAfter[0]! + pushedAfter[1]!).toBe(LINKS * PER_LINK + EDITS)
    expect(sim.control.counters().items).toMatchObject({ created: 0, changed: EDITS * 2 })
  })
})
