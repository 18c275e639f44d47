import { describe, expect, it } from 'vitest'
import { DEMO, startReconcileWorld, webflowItems } from '../reconcile/reconcile-world'

describe('restoring a tombstoned hub item', async () => {
  const world = await startReconcileWorld()
  const l = await world.publishLink('shop', 4)
  const items = `/collections/${l.collectionId}/items`
  const idOf = async (slug: string) => (await world.hubItems(l.collectionId)).find((i) => i.slug === slug)!.id
  const inWebflow = async (slug: string) =>
    (await webflowItems(world, l.webflowCollectionId)).filter((i) => i.fieldData?.slug === slug)

  it('after the push deleted it in Webflow: a new Webflow item, and the hub item is live again', async () => {
    const id = await idOf('shop-0')
    const [original] = await inWebflow('shop-0')
    expect((await world.content.call('DELETE', `${items}/${id}`)).statusCode).toBe(204)
    await world.settle()
    expect(await inWebflow('shop-0')).toHaveLength(0)

    const res = await world.content.call('POST', `${items}/${id}/restore`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({
      id,
      slug: 'shop-0',
      deletedAt: null,
      fields: { summary: 'About shop 0' },
    })
    await world.settle()
    const again = await inWebflow('shop-0')
    expect(again).toHaveLength(1)
    expect(again[0]!.id).not.toBe(original!.id)
    expect(again[0]!.fieldData).toMatchObject({ name: 'shop 0', summary: 'About shop 0' })
    expect((await world.content.call('GET', `${items}/${id}`)).statusCode).toBe(200)
    const link = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${l.linkId}`)).json()
    expect(link.counts).toMatchObject({ pending: 0, failed: 0 })
  })

  it('before the delete reached Webflow: the old Webflow item is kept, never a duplicate', async () => {
    // Where Webflow suffixes a taken slug instead of refusing it, a blind create would make `shop-1-2`.
    world.sim.control.setConfig({ duplicateSlug: 'suffix' })
    const id = await idOf('shop-1')
    const [original] = await inWebflow('shop-1')
    await world.ctx.db.query(`update links set state = 'paused' where id = $1`, [l.linkId])
    expect((await world.content.call('DELETE', `${items}/${id}`)).statusCode).toBe(204)
    expect((await world.content.call('POST', `${items}/${id}/restore`)).statusCode).toBe(200)
    await world.ctx.db.query(`update links set state = 'live' where id = $1`, [l.linkId])
    await world.ctx.boss.send('link-push', { linkId: l.linkId })
    await world.settle()
    const now = await inWebflow('shop-1')
    expect(now.map((i) => i.id)).toEqual([original!.id])
    expect(await inWebflow('shop-1-2')).toHaveLength(0)
    world.sim.control.setConfig({ duplicateSlug: 'error' })
  })

  it('is audited, a live item restores to itself, and a taken slug answers 409', async () => {
    const { rows } = await world.ctx.db.query(`select 1 from audit_log where action = 'item.restore'`)
    expect(rows.length).toBe(2)
    const live = await idOf('shop-2')
    const same = await world.content.call('POST', `${items}/${live}/restore`)
    expect(same.statusCode).toBe(200)
    expect(same.json().id).toBe(live)

    const id = await idOf('shop-3')
    await world.content.call('DELETE', `${items}/${id}`)
    const taker = await world.content.call('POST', items, { slug: 'shop-3', name: 'New shop 3', fields: {} })
    expect(taker.statusCode).toBe(201)
    const res = await world.content.call('POST', `${items}/${id}/restore`)
    expect(res.statusCode).toBe(409)
    expect(res.json().error).toMatchObject({ code: 'conflict', details: { slug: 'shop-3' } })
    expect(
      (await world.content.call('POST', `${items}/00000000-0000-4000-8000-000000000000/restore`)).statusCode,
    ).toBe(404)
  })
})
