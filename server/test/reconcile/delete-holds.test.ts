import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli'
import { isMassDelete } from '../../src/sync/mass-delete'
import { DEMO, startReconcileWorld, webflowItems } from './reconcile-world'

describe('isMassDelete (defaults: more than 10 % or more than 50; at most 5 never)', () => {
  const policy = { percent: 10, items: 50, minItems: 5 }
  const table: [number, number, boolean][] = [
    [0, 100, false],
    [5, 10, false],
    [6, 100, false],
    [10, 100, false],
    [11, 100, true],
    [6, 20, true],
    [50, 10_000, false],
    [51, 10_000, true],
    [8, 0, true],
  ]
  it.each(table)('%i deletes of %i items → held: %s', (deletes, size, held) => {
    expect(isMassDelete(deletes, size, policy)).toBe(held)
  })
  it('a threshold of 0 % holds every run past the floor', () => {
    expect(isMassDelete(6, 1_000_000, { percent: 0, items: 1000, minItems: 5 })).toBe(true)
  })
})

describe('mass deletes wait for a person', async () => {
  const world = await startReconcileWorld()
  const site = DEMO.siteId
  const cli = async (...argv: string[]) => {
    const out: string[] = []
    const code = await runCli([...argv, '--url', world.publicUrl, '--token', world.ctx.config.adminToken], {
      out: (l) => out.push(l),
      err: (l) => out.push(l),
      sleep: () => world.settle(),
    })
    return { code, out: out.join('\n') }
  }
  const slugsIn = async (webflowCollectionId: string) =>
    (await webflowItems(world, webflowCollectionId)).map((i) => i.fieldData!.slug).sort()
  const holds = async (status = 'held') =>
    (await world.admin('GET', `/sites/${site}/holds?status=${status}`)).json().holds
  const del = async (collectionId: string, slug: string) => {
    const item = (await world.hubItems(collectionId)).find((i) => i.slug === slug)!
    const res = await world.content.call('DELETE', `/collections/${collectionId}/items/${item.id}`)
    expect(res.statusCode).toBe(204)
    return item.id
  }

  it('hub deletes: a few go through, a mass delete is held, shown, and confirmed through the CLI', async () => {
    const l = await world.publishLink('stock', 20)
    await del(l.collectionId, 'stock-0')
    await del(l.collectionId, 'stock-1')
    await world.settle()
    expect(await slugsIn(l.webflowCollectionId)).toHaveLength(18)

    for (let i = 2; i < 10; i++) await del(l.collectionId, `stock-${i}`)
    await world.settle()
    expect(await slugsIn(l.webflowCollectionId)).toHaveLength(18)
    const [hold] = await holds()
    expect(hold).toMatchObject({ linkId: l.linkId, side: 'webflow', source: 'push', collectionSize: 18 })
    expect(hold.items).toHaveLength(8)
    const summary = (await world.admin('GET', `/sites/${site}/links/${l.linkId}`)).json()
    expect(summary.heldDeletes).toBe(8)

    const listed = await cli('holds')
    expect(listed.code).toBe(0)
    expect(listed.out).toContain(hold.id)
    const confirmed = await cli('holds', 'confirm', hold.id)
    expect(confirmed).toMatchObject({ code: 0 })
    expect(confirmed.out).toContain('confirmed: 8 of 8 items deleted')
    await world.settle()
    expect(await slugsIn(l.webflowCollectionId)).toHaveLength(10)
    expect((await world.admin('GET', `/sites/${site}/links/${l.linkId}`)).json().heldDeletes).toBe(0)
    expect((await cli('holds', 'confirm', hold.id)).code).toBe(1)
  })

  it('rejecting a held hub delete restores the items, and Webflow keeps them without a duplicate', async () => {
    const l = await world.publishLink('shelf', 12)
    const before = await slugsIn(l.webflowCollectionId)
    const ids: string[] = []
    for (let i = 0; i < 7; i++) ids.push(await del(l.collectionId, `shelf-${i}`))
    await world.settle()
    const [hold] = (await holds()).filter((h: { linkId: string }) => h.linkId === l.linkId)
    const res = await world.admin('POST', `/sites/${site}/holds/${hold.id}/reject`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ applied: 7, skipped: [], hold: { status: 'rejected' } })
    await world.settle()
    expect((await world.hubItems(l.collectionId)).map((i) => i.slug).sort()).toEqual(before)
    expect(await slugsIn(l.webflowCollectionId)).toEqual(before)
    expect((await world.admin('POST', `/sites/${site}/holds/${hold.id}/confirm`)).statusCode).toBe(409)
  })

  it('a reconcile of a pull-only link holds the hub deletes and reports them; rejecting keeps the items', async () => {
    const l = await world.publishLink('mirror', 10)
    await world.ctx.db.query(`update links set direction = 'pull-only' where id = $1`, [l.linkId])
    const gone = (await webflowItems(world, l.webflowCollectionId)).slice(0, 6)
    await world.withWebhooksLost(() => {
      for (const item of gone) world.sim.control.designer.deleteItem(l.webflowCollectionId, item.id!)
    })
    const report = await world.reconcile(l.linkId)
    expect(report.found.missingOnWebflow).toBe(6)
    expect(report.repaired.missingOnWebflow).toBe(0)
    expect(report.held).toBe(6)
    expect(await world.hubItems(l.collectionId)).toHaveLength(10)
    const [hold] = (await holds()).filter((h: { linkId: string }) => h.linkId === l.linkId)
    expect(hold).toMatchObject({ side: 'hub', source: 'reconcile' })
    // Held items are not repaired again, nor held twice.
    expect((await world.reconcile(l.linkId)).held).toBe(6)
    expect((await holds()).filter((h: { linkId: string }) => h.linkId === l.linkId)).toHaveLength(1)

    expect((await world.admin('POST', `/sites/${site}/holds/${hold.id}/reject`)).statusCode).toBe(200)
    const after = await world.reconcile(l.linkId)
    expect(after.found.missingOnWebflow).toBe(0)
    expect(await world.hubItems(l.collectionId)).toHaveLength(10)
  })

  it('a burst of deletes from Webflow is held once past the threshold; rejecting recreates them in Webflow', async () => {
    const l = await world.publishLink('burst', 20)
    const gone = (await webflowItems(world, l.webflowCollectionId)).slice(0, 8)
    for (const item of gone) world.sim.control.designer.deleteItem(l.webflowCollectionId, item.id!)
    await world.settle()
    // Five deletes are everyday work; the sixth makes 30 % of the link: it and the rest wait.
    expect(await world.hubItems(l.collectionId)).toHaveLength(15)
    const [hold] = (await holds()).filter((h: { linkId: string }) => h.linkId === l.linkId)
    expect(hold).toMatchObject({ side: 'hub', source: 'pull' })
    expect(hold.items).toHaveLength(3)
    expect((await world.admin('POST', `/sites/${site}/holds/${hold.id}/reject`)).statusCode).toBe(200)
    await world.settle()
    const slugs = await slugsIn(l.webflowCollectionId)
    expect(slugs).toHaveLength(15)
    expect(new Set(slugs).size).toBe(15)
    expect((await world.hubItems(l.collectionId)).map((i) => i.slug).sort()).toEqual(slugs)
  })

  it('lists holds only of the site asked for', async () => {
    const res = await world.admin('GET', `/sites/another-site/holds`)
    expect(res.statusCode).toBe(200)
    expect(res.json().holds).toEqual([])
    const [any] = await holds('confirmed')
    expect((await world.admin('POST', `/sites/another-site/holds/${any.id}/reject`)).statusCode).toBe(404)
  })
})
