import { describe, expect, it } from 'vitest'
import { designerSession } from '../helpers/test-context'
import { webflowItems } from '../sync/sync-world'
import { DEMO, linkedCollection, requestsSince, startSyncWorld } from './reliability-world'

describe('the kill switch of a site', async () => {
  const world = await startSyncWorld()
  const { ctx, sim } = world
  const linked = await linkedCollection(world, 'gadgets')
  await world.settle()
  const panel = async (method: 'POST', url: string, siteId: string = DEMO.siteId) =>
    ctx.app.inject({
      method,
      url: `/api${url}`,
      headers: { authorization: `Bearer ${await designerSession(ctx, siteId)}` },
    })
  // Works what is ready without waiting on the paused site's webhooks, which stay pending.
  const work = async () => {
    await sim.control.webhooksIdle()
    await ctx.boss.send('inbox-process', {})
    await ctx.drain()
  }
  const webflowIdOf = async (hubItemId: string) =>
    (await ctx.db.query('select webflow_item_id from item_links where hub_item_id = $1', [hubItemId])).rows[0]
      .webflow_item_id as string

  it('stops every Webflow call for the site while it is on, and loses nothing', async () => {
    const paused = await world.admin('POST', `/sites/${DEMO.siteId}/pause`)
    expect(paused.statusCode).toBe(200)
    expect(paused.json()).toMatchObject({ siteId: DEMO.siteId, paused: true })
    const before = sim.control.counters().requests.total

    // A hub edit (push) and a Designer edit (webhook → pull) while paused.
    const edit = await world.content.call(
      'PATCH',
      `/collections/${linked.collectionId}/items/${linked.itemIds[0]}`,
      {
        name: 'Edited in the hub',
      },
    )
    expect(edit.statusCode).toBe(200)
    sim.control.designer.updateItem(linked.webflowCollectionId, await webflowIdOf(linked.itemIds[1]!), {
      fieldData: { name: 'Edited in the Designer' },
    })
    await work()
    await work()

    expect(requestsSince(world, before)).toBe(0)
    const panelCall = await world.admin('GET', `/sites/${DEMO.siteId}/collections`)
    expect(panelCall.statusCode).toBe(409)
    expect(panelCall.json().error.code).toBe('site_paused')
    expect(requestsSince(world, before)).toBe(0)
    // Held, not failed: the push waits for the resume, the delivery waits in the inbox.
    const held = await ctx.db.query('select queue, data from held_jobs where site_id = $1', [DEMO.siteId])
    expect(held.rows).toEqual([{ queue: 'link-push', data: { linkId: linked.linkId } }])
    const inbox = await ctx.db.query(`select status from inbox where site_id = $1 and status = 'pending'`, [
      DEMO.siteId,
    ])
    expect(inbox.rowCount).toBeGreaterThan(0)
    const status = (await world.admin('GET', `/status?siteId=${DEMO.siteId}`)).json()
    expect(status.sites[0]).toMatchObject({ paused: true, heldJobs: 1 })
    expect(status.sites[0].pendingWebhooks).toBeGreaterThan(0)
    expect((await world.admin('GET', '/dead-letters')).json().total).toBe(0)
  })

  it('lets the held work flow on resume, from the panel too', async () => {
    expect((await panel('POST', `/sites/${DEMO.siteId}/resume`, 'another-site')).statusCode).toBe(403)
    const resumed = await panel('POST', `/sites/${DEMO.siteId}/resume`)
    expect(resumed.statusCode).toBe(200)
    expect(resumed.json()).toEqual({ siteId: DEMO.siteId, paused: false, jobsReleased: 1, pushesQueued: 1 })
    await world.settle()

    const items = await webflowItems(world, linked.webflowCollectionId)
    expect(items.find((i) => i.fieldData?.slug === 'gadgets-0')?.fieldData?.name).toBe('Edited in the hub')
    const hub = await world.content.call(
      'GET',
      `/collections/${linked.collectionId}/items/${linked.itemIds[1]}`,
    )
    expect(hub.json().name).toBe('Edited in the Designer')
    expect((await ctx.db.query('select 1 from held_jobs')).rowCount).toBe(0)
    const audit = await ctx.db.query(
      `select action, after->>'by' as by from audit_log where subject_type = 'site' order by id`,
    )
    expect(audit.rows).toEqual([
      { action: 'site.paused', by: 'admin' },
      { action: 'site.resumed', by: 'designer' },
    ])
  })

  it('answers 404 for a site Bindery does not serve', async () => {
    expect((await world.admin('POST', '/sites/no-such-site/pause')).statusCode).toBe(404)
  })
})
