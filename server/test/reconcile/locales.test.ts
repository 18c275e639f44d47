import { describe, expect, it } from 'vitest'
import { DEMO, startReconcileWorld } from './reconcile-world'

const FR = 'fr-FR'

describe('reconcile: every locale read and repaired per locale version', async () => {
  const world = await startReconcileWorld()
  const collectionId = await world.content.createCollection('guides', [
    { slug: 'summary', name: 'Summary', type: 'text' },
  ])
  await world.content.call('POST', `/collections/${collectionId}/locales`, { locales: [FR] })
  const items = Array.from({ length: 4 }, (_, i) => ({
    slug: `guide-${i}`,
    name: `Guide ${i}`,
    status: 'published',
    fields: { summary: `About ${i}` },
    locales: { [FR]: { slug: `guide-${i}-fr`, name: `Guide ${i} (fr)`, fields: { summary: `Sur ${i}` } } },
  }))
  const bulk = await world.content.call('POST', `/collections/${collectionId}/items/bulk`, { items })
  expect(bulk.statusCode, bulk.body).toBe(200)
  const ids: string[] = bulk.json().items.map((i: { id: string }) => i.id)
  const res = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
    mode: 'publish',
    hubCollectionId: collectionId,
    fields: ['summary'],
  })
  expect(res.statusCode, res.body).toBe(201)
  await world.settle()
  const linkId: string = res.json().id
  const wfCid: string = res.json().webflowCollectionId
  const wfList = async (cmsLocaleId: string) =>
    (await world.webflow.collections.items.listItems(wfCid, { cmsLocaleId })).items!
  const wfIdOf = new Map((await wfList(DEMO.cmsLocaleId)).map((i) => [i.fieldData!.slug, i.id!]))
  const hubFr = async (i: number) =>
    (await world.content.call('GET', `/collections/${collectionId}/items/${ids[i]}?locale=${FR}`)).json()

  it('finds nothing when every locale agrees, with one list per locale per 100 items', async () => {
    await world.sim.app.inject({ method: 'POST', url: '/_sim/counters/reset' })
    const report = await world.reconcile(linkId)
    expect(Object.values(report.found).every((n) => n === 0)).toBe(true)
    const byRoute = (await world.sim.app.inject('/_sim/counters')).json().requests.byRoute
    // Primary staged + live, then one list of the French versions.
    expect(byRoute['GET /v2/collections/:collectionId/items']).toBe(2)
    expect(byRoute['GET /v2/collections/:collectionId/items/live']).toBe(1)
  })

  it('repairs a French edit whose webhook was lost and a hub French change that never went out', async () => {
    await world.withWebhooksLost(() => {
      world.sim.control.advanceClock(1000)
      world.sim.control.designer.updateItem(wfCid, wfIdOf.get('guide-0')!, {
        cmsLocaleId: DEMO.frCmsLocaleId,
        fieldData: { summary: 'Modifié dans Webflow' },
      })
    })
    // A hub change of the French version with its push lost (as after a crash before the push).
    await world.ctx.db.query(
      `update hub_item_locales set fields = '{"summary":"Changé dans le hub"}', version = version + 1
       where hub_item_id = $1 and tag = $2`,
      [ids[1], FR],
    )
    const report = await world.reconcile(linkId)
    expect(report.found).toMatchObject({ changedInWebflow: 1, changedInHub: 1 })
    expect(report.samples.changedInWebflow?.[0]?.slug).toBe(`${FR}:guide-0-fr`)
    await world.settle()
    expect((await hubFr(0)).fields.summary).toBe('Modifié dans Webflow')
    const fr = await wfList(DEMO.frCmsLocaleId)
    expect(fr.find((i) => i.id === wfIdOf.get('guide-1'))!.fieldData!.summary).toBe('Changé dans le hub')
    // The primaries were not touched by either repair.
    const en = await wfList(DEMO.cmsLocaleId)
    expect(en.find((i) => i.id === wfIdOf.get('guide-0'))!.fieldData!.summary).toBe('About 0')
    expect(en.find((i) => i.id === wfIdOf.get('guide-1'))!.fieldData!.summary).toBe('About 1')
    const again = await world.reconcile(linkId)
    expect(Object.values(again.found).every((n) => n === 0)).toBe(true)
  })

  it('a link made before Bindery knew the site’s locales learns them on its next reconcile', async () => {
    await world.ctx.db.query('delete from site_locales where site_id = $1', [DEMO.siteId])
    await world.reconcile(linkId)
    const { rows } = await world.ctx.db.query(
      'select tag, is_primary from site_locales where site_id = $1 order by tag',
      [DEMO.siteId],
    )
    expect(rows).toEqual([
      { tag: 'en', is_primary: true },
      { tag: FR, is_primary: false },
    ])
  })
})
