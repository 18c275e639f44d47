import { describe, expect, it } from 'vitest'
import { designerSession } from '../helpers/test-context'
import { DEMO, startReconcileWorld, webflowItems } from '../reconcile/reconcile-world'

/** The server side of the complete Designer panel (issue 15), against Postgres and the simulator. */
describe('the Designer panel, server side', async () => {
  const world = await startReconcileWorld()
  const site = DEMO.siteId
  const editor = await designerSession(world.ctx, site, { role: 'editor', name: 'Dana' })
  const viewer = await designerSession(world.ctx, site, { role: 'viewer', userId: 'u2', name: 'Vic' })
  const panel = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    world.ctx.app.inject({
      method,
      url: `/api/sites/${site}${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    })
  const wfBySlug = async (cid: string) =>
    new Map((await webflowItems(world, cid)).map((i) => [i.fieldData!.slug, i]))
  const hubBySlug = async (cid: string) => new Map((await world.hubItems(cid)).map((i) => [i.slug, i]))
  const l = await world.publishLink('panel', 8)
  const link = (p: object) => panel(editor, 'PATCH', `/links/${l.linkId}`, p)

  it('settings change after creation, in one go, and the summary shows them', async () => {
    const res = await link({
      direction: 'push-only',
      conflictPolicy: 'review',
      deleteMode: 'archive',
      publishSite: true,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({
      direction: 'push-only',
      conflictPolicy: 'review',
      deleteMode: 'archive',
      publishSite: true,
    })
    const audit = await world.ctx.db.query(
      `select actor from audit_log where action = 'link.update' and subject_id = $1 order by id desc limit 1`,
      [l.linkId],
    )
    expect(audit.rows[0].actor).toBe('designer:Dana')
    const back = await link({
      direction: 'two-way',
      conflictPolicy: 'newest',
      deleteMode: 'delete',
      publishSite: false,
    })
    expect(back.json()).toMatchObject({ direction: 'two-way', deleteMode: 'delete' })
    // An incompatible pairing is refused with the reason, and nothing changes.
    const bad = await link({ fieldPairs: [{ hubSlug: 'summary', webflowSlug: 'name' }] })
    expect(bad.statusCode).toBe(400)
    expect(JSON.stringify(bad.json())).toMatch(/always synced/)
  })

  it('delete mode archive: a hub delete archives in Webflow; a Webflow delete archives in the hub', async () => {
    await link({ deleteMode: 'archive' })
    const hub = await hubBySlug(l.collectionId)
    const before = await wfBySlug(l.webflowCollectionId)
    await world.content.call('DELETE', `/collections/${l.collectionId}/items/${hub.get('panel-0')!.id}`)
    await world.settle()
    const after = await wfBySlug(l.webflowCollectionId)
    expect(after.get('panel-0')).toMatchObject({ id: before.get('panel-0')!.id, isArchived: true })

    world.sim.control.designer.deleteItem(l.webflowCollectionId, before.get('panel-1')!.id!)
    await world.settle()
    const kept = (await hubBySlug(l.collectionId)).get('panel-1')
    expect(kept).toMatchObject({ status: 'archived' })
    // A reconcile leaves both alone: archived is what the link asked for.
    const report = await world.reconcile(l.linkId)
    expect(Object.values(report.found).reduce((a: number, b) => a + (b as number), 0)).toBe(0)
    await link({ deleteMode: 'delete' })
  })

  it('delete mode hold: a Webflow delete waits; rejecting recreates the item in Webflow and relinks it', async () => {
    await link({ deleteMode: 'hold' })
    const wf = await wfBySlug(l.webflowCollectionId)
    world.sim.control.designer.deleteItem(l.webflowCollectionId, wf.get('panel-2')!.id!)
    await world.settle()
    expect((await hubBySlug(l.collectionId)).get('panel-2')).toBeDefined()
    const holds = (await panel(viewer, 'GET', `/holds?linkId=${l.linkId}&status=held`)).json().holds
    expect(holds).toHaveLength(1)
    expect(holds[0]).toMatchObject({
      side: 'hub',
      reason: 'link-policy',
      items: [expect.objectContaining({ slug: 'panel-2' })],
    })
    // A viewer may look, not decide.
    expect((await panel(viewer, 'POST', `/holds/${holds[0].id}/reject`, {})).statusCode).toBe(403)
    const rejected = await panel(editor, 'POST', `/holds/${holds[0].id}/reject`, {})
    expect(rejected.statusCode, rejected.body).toBe(200)
    expect(rejected.json().hold).toMatchObject({ status: 'rejected', decidedBy: 'designer:Dana' })
    await world.settle()
    const back = (await wfBySlug(l.webflowCollectionId)).get('panel-2')
    expect(back).toBeDefined()
    expect(back!.id).not.toBe(wf.get('panel-2')!.id)
    const il = await world.ctx.db.query(
      `select webflow_item_id from item_links il join hub_items h on h.id = il.hub_item_id where h.slug = 'panel-2' and il.link_id = $1`,
      [l.linkId],
    )
    expect(il.rows[0].webflow_item_id).toBe(back!.id)
  })

  it('delete mode hold: a hub delete waits; confirm deletes in Webflow, reject restores the hub item', async () => {
    const hub = await hubBySlug(l.collectionId)
    const wf = await wfBySlug(l.webflowCollectionId)
    for (const slug of ['panel-3', 'panel-4'])
      await world.content.call('DELETE', `/collections/${l.collectionId}/items/${hub.get(slug)!.id}`)
    await world.settle()
    expect((await wfBySlug(l.webflowCollectionId)).has('panel-3')).toBe(true)
    const [hold] = (await panel(editor, 'GET', `/holds?linkId=${l.linkId}&status=held`)).json().holds
    expect(hold).toMatchObject({ side: 'webflow', reason: 'link-policy' })
    // One item at a time: confirm panel-3, reject panel-4.
    const id3 = hub.get('panel-3')!.id
    const id4 = hub.get('panel-4')!.id
    const confirmed = await panel(editor, 'POST', `/holds/${hold.id}/confirm`, { hubItemIds: [id3] })
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    const rest = (await panel(editor, 'GET', `/holds?linkId=${l.linkId}&status=held`)).json().holds
    expect(rest.map((h: { items: { hubItemId: string }[] }) => h.items.map((i) => i.hubItemId))).toEqual([
      [id4],
    ])
    expect((await panel(editor, 'POST', `/holds/${rest[0].id}/reject`, {})).statusCode).toBe(200)
    await world.settle()
    const after = await wfBySlug(l.webflowCollectionId)
    expect(after.has('panel-3')).toBe(false)
    expect(after.get('panel-4')!.id).toBe(wf.get('panel-4')!.id)
    expect((await hubBySlug(l.collectionId)).get('panel-4')).toBeDefined()
    await link({ deleteMode: 'delete' })
  })

  it('conflicts: both sides per field, resolved field by field', async () => {
    await link({ conflictPolicy: 'review', paused: true })
    const item = (await hubBySlug(l.collectionId)).get('panel-5')!
    const wfItem = (await wfBySlug(l.webflowCollectionId)).get('panel-5')!
    await world.content.call('PATCH', `/collections/${l.collectionId}/items/${item.id}`, {
      name: 'Hub name',
      fields: { summary: 'hub summary' },
    })
    world.sim.control.designer.updateItem(l.webflowCollectionId, wfItem.id!, {
      fieldData: { name: 'Webflow name', summary: 'webflow summary' },
    })
    await world.settle()
    await link({ paused: false })
    await world.settle()
    const [c] = (await panel(viewer, 'GET', `/conflicts?linkId=${l.linkId}`)).json().conflicts
    expect(c).toMatchObject({ slug: 'panel-5', hubItemId: item.id })
    expect(c.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'name', hub: 'Hub name', webflow: 'Webflow name' }),
        expect.objectContaining({ field: 'fields.summary', hub: 'hub summary', webflow: 'webflow summary' }),
      ]),
    )
    expect((await panel(viewer, 'POST', `/conflicts/${c.id}/resolve`, { side: 'hub' })).statusCode).toBe(403)
    const partial = await panel(editor, 'POST', `/conflicts/${c.id}/resolve`, { fields: { name: 'webflow' } })
    expect(partial.statusCode).toBe(400)
    const res = await panel(editor, 'POST', `/conflicts/${c.id}/resolve`, {
      fields: { name: 'webflow', 'fields.summary': 'hub' },
    })
    expect(res.statusCode, res.body).toBe(204)
    await world.settle()
    expect((await hubBySlug(l.collectionId)).get('panel-5')).toMatchObject({
      name: 'Webflow name',
      fields: { summary: 'hub summary' },
    })
    expect((await wfBySlug(l.webflowCollectionId)).get('panel-5')!.fieldData).toMatchObject({
      name: 'Webflow name',
      summary: 'hub summary',
    })
    await link({ conflictPolicy: 'newest' })
  })

  it('item history shows each change with its actor; a field and the whole item are restored and pushed', async () => {
    const item = (await hubBySlug(l.collectionId)).get('panel-6')!
    const wfId = (await wfBySlug(l.webflowCollectionId)).get('panel-6')!.id!
    await world.content.call('PATCH', `/collections/${l.collectionId}/items/${item.id}`, {
      name: 'First edit',
      fields: { summary: 'first summary' },
    })
    await world.settle()
    world.sim.control.designer.updateItem(l.webflowCollectionId, wfId, {
      fieldData: { name: 'Designer edit', summary: 'designer summary' },
    })
    await world.settle()
    const history = (await panel(viewer, 'GET', `/webflow-items/${wfId}/history`)).json()
    expect(history).toMatchObject({ hubItemId: item.id, linkId: l.linkId })
    const apiEdit = history.entries.find((e: { action: string }) => e.action === 'item.update')
    const pulled = history.entries.find((e: { action: string }) => e.action === 'hub.update')
    expect(apiEdit).toMatchObject({ side: 'hub', actor: { kind: 'api-key' }, restorable: true })
    expect(apiEdit.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'summary', after: 'first summary' })]),
    )
    expect(pulled).toMatchObject({ side: 'webflow', actor: { kind: 'bindery' } })
    expect(history.entries.some((e: { action: string }) => e.action === 'webflow.update')).toBe(true)

    expect(
      (await panel(viewer, 'POST', `/webflow-items/${wfId}/restore`, { entryId: apiEdit.id })).statusCode,
    ).toBe(403)
    const one = await panel(editor, 'POST', `/webflow-items/${wfId}/restore`, {
      entryId: apiEdit.id,
      fields: ['summary'],
    })
    expect(one.statusCode, one.body).toBe(200)
    expect(one.json()).toMatchObject({ restored: ['summary'], pushQueued: true })
    await world.settle()
    expect((await wfBySlug(l.webflowCollectionId)).get('panel-6')!.fieldData).toMatchObject({
      name: 'Designer edit',
      summary: 'first summary',
    })
    const whole = await panel(editor, 'POST', `/webflow-items/${wfId}/restore`, { entryId: apiEdit.id })
    expect(whole.json().restored).toEqual(['name'])
    await world.settle()
    expect((await wfBySlug(l.webflowCollectionId)).get('panel-6')).toMatchObject({
      id: wfId,
      fieldData: expect.objectContaining({ name: 'First edit' }),
    })
    const latest = (await panel(viewer, 'GET', `/webflow-items/${wfId}/history?limit=5`)).json().entries
    expect(latest.find((e: { action: string }) => e.action === 'item.restore_version').actor).toEqual({
      kind: 'designer',
      name: 'Dana',
    })
  })

  it('a collection goes back to a point in time, keeping the Webflow ids of its items', async () => {
    const hub = await hubBySlug(l.collectionId)
    const wfBefore = await wfBySlug(l.webflowCollectionId)
    await new Promise((r) => setTimeout(r, 20))
    const at = new Date().toISOString()
    await new Promise((r) => setTimeout(r, 20))
    await world.content.call('PATCH', `/collections/${l.collectionId}/items/${hub.get('panel-7')!.id}`, {
      fields: { summary: 'changed after the point' },
    })
    await world.content.call('POST', `/collections/${l.collectionId}/items`, {
      slug: 'panel-new',
      name: 'New after the point',
      status: 'published',
      fields: {},
    })
    await world.settle()
    expect((await panel(viewer, 'POST', `/links/${l.linkId}/restore`, { at })).statusCode).toBe(403)
    const res = await panel(editor, 'POST', `/links/${l.linkId}/restore`, { at })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json(), res.body).toMatchObject({ changed: 1, deleted: 1, undeleted: 0, skipped: [] })
    await world.settle()
    const wfAfter = await wfBySlug(l.webflowCollectionId)
    expect(wfAfter.get('panel-7')).toMatchObject({
      id: wfBefore.get('panel-7')!.id,
      fieldData: expect.objectContaining({ summary: hub.get('panel-7')!.fields.summary }),
    })
    expect(wfAfter.has('panel-new')).toBe(false)
    expect([...wfAfter.keys()].sort()).toEqual([...wfBefore.keys()].sort())
  })

  it('a failed item shows Webflow’s message and is retried alone', async () => {
    const item = (await hubBySlug(l.collectionId)).get('panel-7')!
    await world.ctx.db.query(
      `update item_links set sync_state = 'failed', last_error = 'Validation Error: summary too long', synced_hash = null
       where link_id = $1 and hub_item_id = $2`,
      [l.linkId, item.id],
    )
    const errors = (await panel(viewer, 'GET', `/links/${l.linkId}/errors`)).json().items
    expect(errors).toEqual([
      expect.objectContaining({
        hubItemId: item.id,
        message: 'Validation Error: summary too long',
        retryable: true,
      }),
    ])
    expect((await panel(viewer, 'POST', `/links/${l.linkId}/items/${item.id}/retry`)).statusCode).toBe(403)
    const res = await panel(editor, 'POST', `/links/${l.linkId}/items/${item.id}/retry`)
    expect(res.statusCode, res.body).toBe(202)
    expect(res.json()).toMatchObject({ items: 1 })
    await world.settle()
    expect((await panel(viewer, 'GET', `/links/${l.linkId}/errors`)).json().items).toEqual([])
    const summary = (await panel(viewer, 'GET', `/links/${l.linkId}`)).json()
    expect(summary.counts.failed).toBe(0)
  })

  it('a viewer changes nothing through any new write route', async () => {
    const snapshot = async () =>
      (
        await world.ctx.db.query(
          `select (select count(*) from audit_log)::int as audit, (select md5(string_agg(l::text, '')) from links l) as links,
             (select md5(string_agg(h::text, '' order by id)) from hub_items h) as items`,
        )
      ).rows[0]
    const before = await snapshot()
    for (const [method, url, body] of [
      ['PATCH', `/links/${l.linkId}`, { deleteMode: 'hold' }],
      ['POST', `/links/${l.linkId}/retry`, undefined],
      ['POST', `/links/${l.linkId}/restore`, { at: new Date().toISOString() }],
      ['POST', '/webflow-items/x/restore', { entryId: '1' }],
      ['POST', `/holds/00000000-0000-0000-0000-000000000000/confirm`, {}],
      ['POST', `/conflicts/00000000-0000-0000-0000-000000000000/resolve`, { side: 'hub' }],
    ] as const) {
      const res = await panel(viewer, method, url, body)
      expect(res.statusCode, `${method} ${url}`).toBe(403)
      expect(res.json().error.code).toBe('forbidden')
    }
    // Plans only read: a viewer may see one.
    expect((await panel(viewer, 'POST', `/links/${l.linkId}/plans/resync`, {})).statusCode).toBe(200)
    expect(await snapshot()).toEqual(before)
  })

  it('the event stream delivers a status change promptly, woken by NOTIFY', async () => {
    const controller = new AbortController()
    const res = await fetch(
      `${world.publicUrl}/api/sites/${site}/links/${l.linkId}/events?token=${encodeURIComponent(viewer)}`,
      { signal: controller.signal },
    )
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let buffer = ''
    const nextEvent = async () => {
      for (;;) {
        const at = buffer.indexOf('\n\n')
        if (at >= 0) {
          const chunk = buffer.slice(0, at)
          buffer = buffer.slice(at + 2)
          if (chunk.startsWith('data: ')) return JSON.parse(chunk.slice(6))
          continue
        }
        const { value } = await reader.read()
        buffer += decoder.decode(value)
      }
    }
    expect((await nextEvent()).state).not.toBe('paused')
    const started = Date.now()
    expect(
      (await world.admin('PATCH', `/sites/${site}/links/${l.linkId}`, { paused: true })).statusCode,
    ).toBe(200)
    const event = await nextEvent()
    expect(event.state).toBe('paused')
    expect(Date.now() - started).toBeLessThan(1_000)
    controller.abort()
    await world.admin('PATCH', `/sites/${site}/links/${l.linkId}`, { paused: false })
  })
})
