import { describe, expect, it } from 'vitest'
import { DEMO, startReconcileWorld, webflowItems } from './reconcile-world'

describe('reconcile: drift found and repaired on a two-way link', async () => {
  const world = await startReconcileWorld()
  const { linkId, collectionId, webflowCollectionId } = await world.publishLink('notes', 12)
  const designer = world.sim.control.designer
  const wfBySlug = async () =>
    new Map((await webflowItems(world, webflowCollectionId)).map((i) => [i.fieldData!.slug, i]))
  const hubBySlug = async () => new Map((await world.hubItems(collectionId)).map((i) => [i.slug, i]))

  it('finds nothing on a link in sync, reading 100 items a request, staged and live', async () => {
    await world.sim.app.inject({ method: 'POST', url: '/_sim/counters/reset' })
    const report = await world.reconcile(linkId)
    expect(report).toMatchObject({ status: 'done', webflowItems: 12, hubItems: 12, trigger: 'manual' })
    expect(Object.values(report.found).every((n) => n === 0)).toBe(true)
    const byRoute = (await world.sim.app.inject('/_sim/counters')).json().requests.byRoute as Record<
      string,
      number
    >
    expect(byRoute['GET /v2/collections/:collectionId/items']).toBe(1)
    expect(byRoute['GET /v2/collections/:collectionId/items/live']).toBe(1)
  })

  it('finds every class of drift, repairs each per the policy, and reports counts and samples', async () => {
    const wf = await wfBySlug()
    const hub = await hubBySlug()
    world.sim.control.setConfig({ duplicateSlug: 'suffix' })
    await world.withWebhooksLost(async () => {
      // changed in Webflow without a webhook
      designer.updateItem(webflowCollectionId, wf.get('notes-0')!.id!, {
        fieldData: { name: 'Renamed in Webflow' },
      })
      // missing on Webflow: deleted there, the webhook lost
      designer.deleteItem(webflowCollectionId, wf.get('notes-1')!.id!)
      // missing in the hub: created in Webflow, the webhook lost
      designer.createItem(webflowCollectionId, {
        fieldData: { name: 'Only in Webflow', slug: 'only-in-webflow' },
      })
      // status mismatch: a draft published in Webflow, the webhook lost
      designer.publishItem(webflowCollectionId, wf.get('notes-2')!.id!)
      // a duplicate: another create of notes-3 (Webflow suffixes the slug)
      await world.webflow.collections.items.createItem(webflowCollectionId, {
        isDraft: true,
        fieldData: { name: 'notes 3', slug: 'notes-3', summary: 'About notes 3' } as never,
      })
    })
    world.sim.control.setConfig({ duplicateSlug: 'error' })
    // changed in the hub without a push: the write landed, its push was lost
    await world.ctx.db.query(
      `update hub_items set name = 'Renamed in the hub', version = version + 1, updated_at = now() where id = $1`,
      [hub.get('notes-4')!.id],
    )
    // a status change in the hub whose push was lost: unpublished in the hub, still live in Webflow
    await world.ctx.db.query(`update hub_items set status = 'draft', version = version + 1 where id = $1`, [
      hub.get('notes-6')!.id,
    ])

    const report = await world.reconcile(linkId)
    expect(report.found).toEqual({
      missingOnWebflow: 1,
      missingInHub: 1,
      changedInWebflow: 1,
      changedInHub: 1,
      statusMismatch: 2,
      duplicate: 1,
    })
    expect(report.repaired).toEqual(report.found)
    expect(report.samples.changedInWebflow).toEqual([
      { hubItemId: hub.get('notes-0')!.id, webflowItemId: wf.get('notes-0')!.id, slug: 'notes-0' },
    ])
    expect(report.samples.duplicate).toEqual([
      expect.objectContaining({ slug: 'notes-3-2', hubItemId: hub.get('notes-3')!.id }),
    ])
    expect(report.samples.missingInHub).toEqual([
      expect.objectContaining({ slug: 'only-in-webflow', hubItemId: null }),
    ])
    expect(report.requests).toBeGreaterThanOrEqual(2)

    const hubAfter = await hubBySlug()
    const wfAfter = await wfBySlug()
    expect(hubAfter.get('notes-0')!.name).toBe('Renamed in Webflow')
    expect(wfAfter.get('notes-1')).toBeDefined() // created again
    expect(wfAfter.get('notes-1')!.id).not.toBe(wf.get('notes-1')!.id)
    expect(hubAfter.get('only-in-webflow')).toMatchObject({ name: 'Only in Webflow', status: 'draft' })
    expect(hubAfter.get('notes-2')!.status).toBe('published')
    expect(wfAfter.get('notes-3-2')).toBeUndefined()
    expect(wfAfter.get('notes-4')!.fieldData!.name).toBe('Renamed in the hub')
    expect(wfAfter.get('notes-6')!.isDraft).toBe(true)
    expect(wfAfter.get('notes-6')!.lastPublished ?? null).toBeNull() // unpublished

    const audit = await world.ctx.db.query<{ action: string }>(
      `select action from audit_log where correlation_id = $1 order by id`,
      [`reconcile:${report.id}`],
    )
    expect(audit.rows.map((r) => r.action).sort()).toEqual(
      [
        'reconcile.changedInHub',
        'reconcile.changedInWebflow',
        'reconcile.duplicate',
        'reconcile.missingInHub',
        'reconcile.missingOnWebflow',
        'reconcile.statusMismatch',
        'reconcile.statusMismatch',
      ].sort(),
    )
  })

  it('leaves both sides agreeing: the next reconcile finds nothing', async () => {
    const report = await world.reconcile(linkId)
    expect(report.found).toEqual(report.repaired)
    expect(
      Object.values(report.found).every((n) => n === 0),
      JSON.stringify(report.samples),
    ).toBe(true)
    const hub = await hubBySlug()
    const wf = await wfBySlug()
    expect([...wf.keys()].sort()).toEqual([...hub.keys()].sort())
    for (const [slug, h] of hub) {
      const w = wf.get(slug)!
      expect(w.fieldData!.name, slug).toBe(h.name)
      expect(w.fieldData!.summary ?? undefined, slug).toBe(h.fields.summary)
      // Live in Webflow (a Designer's staged edit leaves it "changes in draft", still live).
      expect(h.status === 'published', slug).toBe(!!w.lastPublished)
    }
    const links = await world.ctx.db.query(
      `select count(*)::int as n, count(distinct webflow_item_id)::int as ids from item_links where link_id = $1 and webflow_item_id is not null`,
      [linkId],
    )
    expect(links.rows[0]).toEqual({ n: hub.size, ids: hub.size })
  })

  it('shows the latest report per link on the admin API and to the panel', async () => {
    const site = await world.admin('GET', `/sites/${DEMO.siteId}/drift`)
    expect(site.statusCode).toBe(200)
    const summary = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${linkId}`)).json()
    expect(summary.lastReconcile).toEqual({
      at: expect.any(String),
      trigger: 'manual',
      status: 'done',
      drift: 0,
    })
    expect(site.json().links).toEqual([
      expect.objectContaining({ linkId, report: expect.objectContaining({ status: 'done' }) }),
    ])
  })

  it('finds a published item whose live copy lags behind its staged one, and publishes it again', async () => {
    const id = (await wfBySlug()).get('notes-9')!.id!
    const variant = [
      ...world.sim.store.collections.get(webflowCollectionId)!.items.get(id)!.variants.values(),
    ][0]!
    // The staged item reads as published and up to date; the live site still shows an older name.
    variant.live = { ...variant.live!, fieldData: { ...variant.live!.fieldData, name: 'An older name' } }
    const report = await world.reconcile(linkId)
    expect(report.found).toMatchObject({ statusMismatch: 1, changedInWebflow: 0, changedInHub: 0 })
    expect(report.samples.statusMismatch).toEqual([
      expect.objectContaining({ slug: 'notes-9', webflowItemId: id }),
    ])
    await world.settle()
    expect(variant.live!.fieldData.name).toBe('notes 9')
    const again = await world.reconcile(linkId)
    expect(
      Object.values(again.found).every((n) => n === 0),
      JSON.stringify(again.samples),
    ).toBe(true)
  })
})
