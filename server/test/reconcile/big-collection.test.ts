import { describe, expect, it } from 'vitest'
import { DEMO, startReconcileWorld, webflowItems } from './reconcile-world'

// Many pages of everything: Webflow lists 100 items a request, the reconcile compares a few hundred
// at a time, the push writes 100 a request. Drift sits on the first, a middle and the last page.
const ITEMS = 650

describe('a collection of many pages: connect, push, reconcile and full resync page by page', async () => {
  // Webflow's echoes of Bindery's own writes are ignored anyway; without them the test measures the
  // paging, not the delivery of a thousand webhooks on a loaded machine.
  const world = await startReconcileWorld({}, { echoApiWrites: false })
  const { linkId, collectionId, webflowCollectionId } = await world.publishLink('big', ITEMS)
  const designer = world.sim.control.designer
  const wfBySlug = async () =>
    new Map((await webflowItems(world, webflowCollectionId)).map((i) => [i.fieldData!.slug, i]))
  const hubBySlug = async () => new Map((await world.hubItems(collectionId)).map((i) => [i.slug, i]))

  it('publishes every item to Webflow', async () => {
    const wf = await wfBySlug()
    expect(wf.size).toBe(ITEMS)
    expect(wf.get('big-0')!.fieldData!.name).toBe('big 0')
    expect(wf.get(`big-${ITEMS - 1}`)!.fieldData!.name).toBe(`big ${ITEMS - 1}`)
    expect((await world.admin('GET', `/sites/${DEMO.siteId}/links/${linkId}`)).json()).toMatchObject({
      state: 'live',
      progress: { done: ITEMS, total: ITEMS },
    })
  })

  it('finds a missing, an unknown and changed items on any page, and repairs them', async () => {
    const wf = await wfBySlug()
    const hub = await hubBySlug()
    await world.withWebhooksLost(() => {
      designer.deleteItem(webflowCollectionId, wf.get('big-7')!.id!)
      designer.createItem(webflowCollectionId, {
        fieldData: { name: 'Only in Webflow', slug: 'only-in-webflow' },
      })
      designer.updateItem(webflowCollectionId, wf.get(`big-${ITEMS - 2}`)!.id!, {
        fieldData: { name: 'Renamed in Webflow' },
      })
    })
    // A hub write whose push was lost.
    await world.ctx.db.query(
      `update hub_items set name = 'Renamed in the hub', version = version + 1, updated_at = now() where id = $1`,
      [hub.get('big-333')!.id],
    )

    const report = await world.reconcile(linkId)
    expect(report).toMatchObject({ status: 'done', webflowItems: ITEMS, hubItems: ITEMS })
    expect(report.found).toEqual({
      missingOnWebflow: 1,
      missingInHub: 1,
      changedInWebflow: 1,
      changedInHub: 1,
      statusMismatch: 0,
      duplicate: 0,
    })
    expect(report.repaired).toEqual(report.found)

    const wfAfter = await wfBySlug()
    const hubAfter = await hubBySlug()
    expect(wfAfter.size).toBe(ITEMS + 1)
    expect(hubAfter.size).toBe(ITEMS + 1)
    expect(wfAfter.get('big-7')!.fieldData!.name).toBe('big 7')
    expect(hubAfter.get('only-in-webflow')!.name).toBe('Only in Webflow')
    expect(hubAfter.get(`big-${ITEMS - 2}`)!.name).toBe('Renamed in Webflow')
    expect(wfAfter.get('big-333')!.fieldData!.name).toBe('Renamed in the hub')
    // Nothing is left behind by the run's listing, and the next run finds nothing.
    const next = await world.reconcile(linkId)
    expect(Object.values(next.found).every((n) => n === 0)).toBe(true)
    expect((await world.ctx.db.query('select 1 from reconcile_listing')).rowCount).toBe(0)
  })

  it('a full resync re-applies every Webflow item and re-pushes every hub item', async () => {
    const wf = await wfBySlug()
    await world.withWebhooksLost(() =>
      designer.updateItem(webflowCollectionId, wf.get('big-500')!.id!, { fieldData: { name: 'Lost edit' } }),
    )
    const res = await world.admin('POST', `/sites/${DEMO.siteId}/links/${linkId}/resync`, { full: true })
    expect(res.statusCode, res.body).toBe(202)
    await world.settle()
    const report = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${linkId}/drift`)).json().report
    expect(report).toMatchObject({ trigger: 'full', status: 'done', found: { changedInWebflow: 1 } })
    expect(
      await world.admin('GET', `/sites/${DEMO.siteId}/links/${linkId}`).then((r) => r.json()),
    ).toMatchObject({ state: 'live', progress: { done: ITEMS + 1, total: ITEMS + 1 } })
    const hub = await hubBySlug()
    const wfAfter = await wfBySlug()
    expect(hub.get('big-500')!.name).toBe('Lost edit')
    expect(wfAfter.size).toBe(ITEMS + 1)
    for (const [slug, item] of hub) expect(wfAfter.get(slug)?.fieldData?.name, slug).toBe(item.name)
  })

  it('imports a Webflow collection of many pages into the hub', async () => {
    const created = await world.webflow.collections.create(DEMO.siteId, {
      displayName: 'Imported',
      singularName: 'Imported',
      slug: 'imported',
      fields: [{ type: 'PlainText', displayName: 'Summary', slug: 'summary' }] as never,
    })
    const count = 250
    for (let i = 0; i < count; i += 100) {
      await world.webflow.collections.items.createItems(created.id!, {
        fieldData: Array.from({ length: Math.min(100, count - i) }, (_, k) => ({
          name: `Imported ${i + k}`,
          slug: `imported-${i + k}`,
          summary: `S ${i + k}`,
        })),
      } as never)
    }
    const res = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
      mode: 'import',
      webflowCollectionId: created.id,
      fields: ['summary'],
    })
    expect(res.statusCode, res.body).toBe(201)
    await world.settle()
    const items = await world.hubItems(res.json().hubCollectionId)
    expect(items).toHaveLength(count)
    expect(items.find((i) => i.slug === 'imported-249')).toMatchObject({
      name: 'Imported 249',
      fields: { summary: 'S 249' },
    })
    expect((await world.admin('GET', `/sites/${DEMO.siteId}/links/${res.json().id}`)).json()).toMatchObject({
      state: 'live',
      progress: { done: count, total: count },
    })
  })
})
