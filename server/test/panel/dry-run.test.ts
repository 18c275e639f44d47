import type { SyncPlan } from '@bindery/shared/api/plans'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli'
import { DEMO, startReconcileWorld, webflowItems } from '../reconcile/reconcile-world'

/** Everything a dry run could touch in the hub, as one comparable value. */
async function hubState(db: { query: (s: string) => Promise<{ rows: unknown[] }> }) {
  const q = async (sql: string) => (await db.query(sql)).rows
  return {
    items: await q('select id, slug, name, status, fields, version, deleted_at from hub_items order by id'),
    links: await q(
      'select id, state, progress_done, progress_total, field_map, updated_at from links order by id',
    ),
    itemLinks: await q(
      'select id, webflow_item_id, dirty, sync_state, synced_hash, webflow_state from item_links order by id',
    ),
    audit: await q('select count(*)::int as n from audit_log'),
    jobs: await q(`select count(*)::int as n from pgboss.job where name not like '__pgboss%'`),
    holds: await q('select count(*)::int as n from delete_holds'),
  }
}

describe('dry-run plans: exact, free of writes, and what Apply then does', async () => {
  const world = await startReconcileWorld()
  const site = DEMO.siteId
  const counters = async () => (await world.sim.app.inject('/_sim/counters')).json()
  const reset = () => world.sim.app.inject({ method: 'POST', url: '/_sim/counters/reset' })
  const l = await world.publishLink('plan', 200)

  it('a full resync plan writes nothing, reads two list pages per 100 items, and matches Apply within 5 %', async () => {
    // Drift the plan must find: Webflow edits whose webhooks were lost.
    const wf = await webflowItems(world, l.webflowCollectionId)
    await world.withWebhooksLost(() => {
      for (const item of wf.slice(0, 5))
        world.sim.control.designer.updateItem(l.webflowCollectionId, item.id!, {
          fieldData: { summary: `edited in Webflow ${item.id}` },
        })
    })
    const before = await hubState(world.ctx.db)
    await reset()
    const res = await world.admin('POST', `/sites/${site}/links/${l.linkId}/plans/resync`, { full: true })
    expect(res.statusCode, res.body).toBe(200)
    const plan: SyncPlan = res.json()
    const read = await counters()
    // No writes in Webflow: only GETs, and at most two list requests per 100 items (+ the schema).
    const routes = Object.keys(read.requests.byRoute)
    expect(
      routes.every((r) => r.startsWith('GET ')),
      routes.join(', '),
    ).toBe(true)
    const lists =
      (read.requests.byRoute['GET /v2/collections/:collectionId/items'] ?? 0) +
      (read.requests.byRoute['GET /v2/collections/:collectionId/items/live'] ?? 0)
    expect(lists).toBeLessThanOrEqual(2 * Math.ceil(200 / 100))
    expect(read.items).toMatchObject({ created: 0, changed: 0, deleted: 0, published: 0, unpublished: 0 })
    expect(plan.reads).toBe(read.requests.total)
    // ...and none in the hub.
    expect(await hubState(world.ctx.db)).toEqual(before)

    expect(plan).toMatchObject({ kind: 'full', linkId: l.linkId, heldDeletes: 0 })
    expect(plan.hub.update).toBe(5)
    expect(plan.webflow.update).toBe(200)
    expect(plan.cost.summary).toMatch(/^\d+ requests ≈ .+ at \d+\/min/)

    await reset()
    const applied = await world.admin('POST', `/sites/${site}/links/${l.linkId}/resync`, { full: true })
    expect(applied.statusCode, applied.body).toBe(202)
    await world.settle()
    const made = (await counters()).requests.total
    expect(
      Math.abs(made - plan.cost.requests) / made,
      `plan ${plan.cost.requests}, apply ${made}: ${JSON.stringify(plan.cost.byKind)} vs ${JSON.stringify((await counters()).requests.byRoute)}`,
    ).toBeLessThanOrEqual(0.05)
  })

  it('a sync-now plan of pending hub edits and deletes counts them, and the CLI prints it', async () => {
    const items = await world.hubItems(l.collectionId)
    await world.admin('PATCH', `/sites/${site}/links/${l.linkId}`, { paused: true })
    for (const i of items.slice(0, 3))
      await world.content.call('PATCH', `/collections/${l.collectionId}/items/${i.id}`, {
        fields: { summary: 'changed in the hub' },
      })
    await world.content.call('DELETE', `/collections/${l.collectionId}/items/${items[3]!.id}`)
    await world.settle()
    await world.admin('PATCH', `/sites/${site}/links/${l.linkId}`, { paused: false })
    // Resuming queues the push; the plan is made before it runs.
    const before = await hubState(world.ctx.db)
    const plan: SyncPlan = (
      await world.admin('POST', `/sites/${site}/links/${l.linkId}/plans/resync`, {})
    ).json()
    expect(await hubState(world.ctx.db)).toEqual(before)
    expect(plan.kind).toBe('sync-now')
    expect(plan.webflow.update).toBe(3)
    expect(plan.webflow.delete).toBe(1)
    expect(
      plan.samples.filter((s) => s.side === 'webflow' && s.action === 'delete').map((s) => s.slug),
    ).toEqual([items[3]!.slug])

    const out: string[] = []
    const code = await runCli(
      ['resync', l.linkId, '--dry-run', '--url', world.publicUrl, '--token', world.ctx.config.adminToken],
      { out: (s) => out.push(s), err: (s) => out.push(s), sleep: async () => {} },
    )
    expect(code, out.join('\n')).toBe(0)
    expect(out.join('\n')).toMatch(/webflow: 3 to update, .*1 to delete/)
    expect(out.join('\n')).toMatch(/cost: \d+ requests/)
    await world.settle()
  })

  it('a connect plan (publish) names the collection and fields to create and costs the creates', async () => {
    const collectionId = await world.content.createCollection('fresh', [
      { slug: 'summary', name: 'Summary', type: 'text' },
    ])
    const items = Array.from({ length: 120 }, (_, i) => ({
      slug: `fresh-${i}`,
      name: `Fresh ${i}`,
      status: 'published',
      fields: { summary: 'x' },
    }))
    await world.content.call('POST', `/collections/${collectionId}/items/bulk`, { items })
    await world.settle()
    await reset()
    const res = await world.admin('POST', `/sites/${site}/plans/connect`, {
      mode: 'publish',
      hubCollectionId: collectionId,
      fields: ['summary'],
    })
    expect(res.statusCode, res.body).toBe(200)
    const plan: SyncPlan = res.json()
    expect(plan.collectionToCreate).toMatchObject({ slug: 'fresh' })
    expect(plan.fieldsToCreate).toEqual([{ slug: 'summary', displayName: 'Summary', type: 'text' }])
    expect(plan.webflow.create).toBe(120)
    expect(plan.cost.byKind.create).toBe(2)
    expect((await counters()).requests.total).toBe(0)
    expect(
      (await world.ctx.db.query('select 1 from links where hub_collection_id = $1', [collectionId])).rowCount,
    ).toBe(0)
  })
  it('a connect plan of a localized collection costs its translations, and Apply makes what it said', async () => {
    const collectionId = await world.content.createCollection('localized', [
      { slug: 'summary', name: 'Summary', type: 'text' },
    ])
    await world.content.call('POST', `/collections/${collectionId}/locales`, { locales: ['fr-FR'] })
    const items = Array.from({ length: 150 }, (_, i) => ({
      slug: `loc-${i}`,
      name: `Localized ${i}`,
      status: i < 120 ? 'published' : 'draft',
      fields: { summary: `Summary ${i}` },
      locales: {
        'fr-FR': { slug: `loc-fr-${i}`, name: `Localisé ${i}`, fields: { summary: `Résumé ${i}` } },
      },
    }))
    const bulk = await world.content.call('POST', `/collections/${collectionId}/items/bulk`, { items })
    expect(bulk.statusCode, bulk.body).toBe(200)
    await world.settle()
    const request = { mode: 'publish', hubCollectionId: collectionId, fields: ['summary'] }
    const res = await world.admin('POST', `/sites/${site}/plans/connect`, request)
    expect(res.statusCode, res.body).toBe(200)
    const plan: SyncPlan = res.json()
    // 120 published and 30 draft French versions: one PATCH of each kind per 100.
    expect(plan.cost.byKind).toMatchObject({ create: 2, locale: 3 })

    await reset()
    // The echoes of Bindery's own writes cost no request; without them the test settles fast under load.
    let applied = res
    await world.withWebhooksLost(async () => {
      applied = await world.admin('POST', `/sites/${site}/links`, request)
      expect(applied.statusCode, applied.body).toBe(201)
      await world.settle()
    })
    const made = (await counters()).requests
    const french = []
    for (const offset of [0, 100]) {
      const page = await world.webflow.collections.items.listItems(applied.json().webflowCollectionId, {
        cmsLocaleId: DEMO.frCmsLocaleId,
        offset,
        limit: 100,
      })
      french.push(...(page.items ?? []).filter((i) => String(i.fieldData?.name).startsWith('Localisé')))
    }
    expect(french).toHaveLength(150)
    expect(
      Math.abs(made.total - plan.cost.requests) / made.total,
      `plan ${plan.cost.requests}, apply ${made.total}: ${JSON.stringify(plan.cost.byKind)} vs ${JSON.stringify(made.byRoute)}`,
    ).toBeLessThanOrEqual(0.05)
  })
})
