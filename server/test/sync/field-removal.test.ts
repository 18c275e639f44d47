import { describe, expect, it } from 'vitest'
import { DEMO, startReconcileWorld, webflowItems } from '../reconcile/reconcile-world'

describe('removing a hub field a Webflow link syncs', async () => {
  const world = await startReconcileWorld()
  const { linkId, collectionId, webflowCollectionId } = await world.publishLink('notes', 4)
  const patch = (body: object) => world.content.call('PATCH', `/collections/${collectionId}`, body)
  const summaries = async () =>
    (await webflowItems(world, webflowCollectionId)).map((i) => i.fieldData?.summary).sort()

  it('answers 409 naming the field and the link, and changes nothing', async () => {
    const res = await patch({ removeFields: ['summary'] })
    expect(res.statusCode).toBe(409)
    expect(res.json().error).toMatchObject({
      code: 'conflict',
      details: { fields: ['summary'], links: [linkId] },
    })
    expect(res.json().error.message).toContain('onWebflow')
    const collection = (await world.content.call('GET', `/collections/${collectionId}`)).json()
    expect(collection.fields.map((f: { slug: string }) => f.slug)).toEqual(['summary'])
    expect((await world.hubItems(collectionId)).every((i) => typeof i.fields.summary === 'string')).toBe(true)
  })

  it('with onWebflow "keep": the link stops syncing it, Webflow keeps its values, the audit keeps the hub’s', async () => {
    const before = await summaries()
    expect(before).toHaveLength(4)
    const res = await patch({ removeFields: ['summary'], onWebflow: 'keep' })
    expect(res.statusCode, res.body).toBe(200)
    await world.settle()
    expect(await summaries()).toEqual(before)
    const link = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${linkId}`)).json()
    expect(link.state).toBe('live')
    const { rows: map } = await world.ctx.db.query('select field_map from links where id = $1', [linkId])
    expect(map[0].field_map).toEqual([])
    // A Webflow edit still arrives, without the unmapped field.
    const [first] = await webflowItems(world, webflowCollectionId)
    world.sim.control.designer.updateItem(webflowCollectionId, first!.id!, {
      fieldData: { name: 'Edited in Webflow', summary: 'Webflow only' },
    })
    await world.settle()
    const hub = await world.hubItems(collectionId)
    expect(hub.map((i) => i.name)).toContain('Edited in Webflow')
    expect(hub.every((i) => i.fields.summary === undefined)).toBe(true)
    const { rows: audit } = await world.ctx.db.query(
      `select subject_id, before, after from audit_log where action = 'item.fields_removed' order by subject_id`,
    )
    expect(audit).toHaveLength(4)
    const ada = hub.find((i) => i.slug === 'notes-0')!
    expect(audit.find((a) => a.subject_id === ada.id)).toMatchObject({
      before: { fields: { summary: 'About notes 0' } },
      after: { fields: { summary: null } },
    })
  })
})
