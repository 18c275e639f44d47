import { describe, expect, it } from 'vitest'
import { startReconcileWorld, webflowItems } from './reconcile-world'

describe('reconcile repairs per the link direction', async () => {
  const world = await startReconcileWorld()
  const designer = world.sim.control.designer
  const wfItem = async (collectionId: string, slug: string) =>
    (await webflowItems(world, collectionId)).find((i) => i.fieldData?.slug === slug)

  it('push-only: Webflow-side drift is overwritten with the hub, Webflow-only items are reported only', async () => {
    const l = await world.publishLink('mirror', 4, { direction: 'push-only' })
    const item = (await wfItem(l.webflowCollectionId, 'mirror-0'))!
    await world.withWebhooksLost(() => {
      designer.updateItem(l.webflowCollectionId, item.id!, { fieldData: { name: 'Edited in Webflow' } })
      designer.createItem(l.webflowCollectionId, {
        fieldData: { name: 'Webflow only', slug: 'webflow-only' },
      })
    })
    const report = await world.reconcile(l.linkId)
    expect(report.found).toMatchObject({ changedInWebflow: 1, missingInHub: 1 })
    expect(report.repaired).toMatchObject({ changedInWebflow: 1, missingInHub: 0 })
    expect((await wfItem(l.webflowCollectionId, 'mirror-0'))!.fieldData!.name).toBe('mirror 0')
    expect((await world.hubItems(l.collectionId)).map((i) => i.slug)).not.toContain('webflow-only')
  })

  it('pull-only: the hub follows Webflow, deletes included', async () => {
    const l = await world.publishLink('source', 4)
    await world.ctx.db.query(`update links set direction = 'pull-only' where id = $1`, [l.linkId])
    const gone = (await wfItem(l.webflowCollectionId, 'source-1'))!
    await world.withWebhooksLost(() => designer.deleteItem(l.webflowCollectionId, gone.id!))
    const hub = (await world.hubItems(l.collectionId)).find((i) => i.slug === 'source-0')!
    // A hub edit on a pull-only link is not pushed: Webflow's values come back.
    await world.ctx.db.query(`update hub_items set name = 'Hub edit', version = version + 1 where id = $1`, [
      hub.id,
    ])
    const report = await world.reconcile(l.linkId)
    expect(report.found).toMatchObject({ missingOnWebflow: 1, changedInHub: 1 })
    expect(report.repaired).toMatchObject({ missingOnWebflow: 1, changedInHub: 1 })
    const after = await world.hubItems(l.collectionId)
    expect(after.map((i) => i.slug)).not.toContain('source-1')
    expect(after.find((i) => i.slug === 'source-0')!.name).toBe('source 0')
    expect(await wfItem(l.webflowCollectionId, 'source-1')).toBeUndefined()
  })

  it('leaves an item with a push pending to the push: it is not drift', async () => {
    const l = await world.publishLink('busy', 3)
    await world.ctx.db.query(
      `update item_links set dirty = true where link_id = $1 and hub_item_id = (
         select id from hub_items where collection_id = $2 and slug = 'busy-0')`,
      [l.linkId, l.collectionId],
    )
    await world.ctx.db.query(
      `update hub_items set name = 'Not drift' where collection_id = $1 and slug = 'busy-0'`,
      [l.collectionId],
    )
    await world.ctx.boss.send('link-reconcile', { linkId: l.linkId, trigger: 'manual' })
    await world.ctx.drain(['link-reconcile'])
    const { rows } = await world.ctx.db.query(
      `select found from drift_reports where link_id = $1 order by id desc limit 1`,
      [l.linkId],
    )
    expect(Object.values(rows[0].found).every((n) => n === 0)).toBe(true)
  })
})
