import { describe, expect, it } from 'vitest'
import { designerSession } from '../helpers/test-context'
import { DEMO, startReconcileWorld, webflowItems } from './reconcile-world'

describe('"Sync now", "Full resync" and the scheduled reconcile', async () => {
  const world = await startReconcileWorld()
  const a = await world.publishLink('alpha', 8)
  const b = await world.publishLink('beta', 5)
  const token = await designerSession(world.ctx, DEMO.siteId)
  const panel = (method: 'GET' | 'POST', url: string, payload?: object) =>
    world.ctx.app.inject({
      method,
      url: `/api/sites/${DEMO.siteId}${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    })
  const summary = async (linkId: string) =>
    (await world.admin('GET', `/sites/${DEMO.siteId}/links/${linkId}`)).json()
  const latest = async (linkId: string) =>
    (await world.admin('GET', `/sites/${DEMO.siteId}/links/${linkId}/drift`)).json().report
  const loseAnEdit = async (webflowCollectionId: string, slug: string, name: string) => {
    const item = (await webflowItems(world, webflowCollectionId)).find((i) => i.fieldData?.slug === slug)!
    await world.withWebhooksLost(() =>
      world.sim.control.designer.updateItem(webflowCollectionId, item.id!, { fieldData: { name } }),
    )
  }

  it('"Sync now" from the admin API pushes what is pending, then reconciles, showing progress', async () => {
    const hubItem = (await world.hubItems(a.collectionId)).find((i) => i.slug === 'alpha-1')!
    await world.content.call('PATCH', `/collections/${a.collectionId}/items/${hubItem.id}`, {
      name: 'Pending push',
    })
    await loseAnEdit(a.webflowCollectionId, 'alpha-0', 'Lost webhook')

    const res = await world.admin('POST', `/sites/${DEMO.siteId}/links/${a.linkId}/resync`, {})
    expect(res.statusCode, res.body).toBe(202)
    expect(res.json()).toEqual({ linkId: a.linkId, kind: 'sync-now', queuedAt: expect.any(String) })
    expect((await summary(a.linkId)).state).toBe('syncing')

    await world.settle()
    const after = await summary(a.linkId)
    expect(after).toMatchObject({ state: 'live', counts: { pending: 0 } })
    expect(after.progress.done).toBe(after.progress.total)
    const report = await latest(a.linkId)
    expect(report).toMatchObject({ trigger: 'sync-now', status: 'done' })
    // The pending push went out before the reconcile: it was not drift.
    expect(report.found).toMatchObject({ changedInWebflow: 1, changedInHub: 0 })
    const hub = await world.hubItems(a.collectionId)
    expect(hub.find((i) => i.slug === 'alpha-0')!.name).toBe('Lost webhook')
    const wf = await webflowItems(world, a.webflowCollectionId)
    expect(wf.find((i) => i.fieldData?.slug === 'alpha-1')!.fieldData!.name).toBe('Pending push')
  })

  it('"Full resync" from the panel re-pulls and re-pushes every item', async () => {
    await loseAnEdit(b.webflowCollectionId, 'beta-0', 'Lost again')
    const since = (
      await world.ctx.db.query<{ id: string }>('select coalesce(max(id), 0) as id from audit_log')
    ).rows[0]!.id
    const res = await panel('POST', `/links/${b.linkId}/resync`, { full: true })
    expect(res.statusCode, res.body).toBe(202)
    expect(res.json()).toMatchObject({ linkId: b.linkId, kind: 'full' })
    await world.settle()

    expect(await summary(b.linkId)).toMatchObject({ state: 'live', progress: { done: 5, total: 5 } })
    const report = (await panel('GET', `/links/${b.linkId}/drift`)).json().report
    expect(report).toMatchObject({ trigger: 'full', status: 'done', found: { changedInWebflow: 1 } })
    const hub = await world.hubItems(b.collectionId)
    expect(hub.find((i) => i.slug === 'beta-0')!.name).toBe('Lost again')
    const pushed = await world.ctx.db.query<{ subject_id: string }>(
      `select distinct subject_id from audit_log where id > $1 and action = 'webflow.update'`,
      [since],
    )
    expect(pushed.rowCount).toBe(5)
    const audit = await world.ctx.db.query(
      `select after from audit_log where id > $1 and action = 'link.resync.full'`,
      [since],
    )
    expect(audit.rows[0].after).toEqual({ full: true, by: 'dana@example.com' })
  })

  it('resyncs every link of a site at once, from the admin API and the panel', async () => {
    const res = await world.admin('POST', `/sites/${DEMO.siteId}/resync`, {})
    expect(res.statusCode, res.body).toBe(202)
    expect(res.json().links.map((l: { linkId: string; kind: string }) => [l.linkId, l.kind])).toEqual([
      [a.linkId, 'sync-now'],
      [b.linkId, 'sync-now'],
    ])
    await world.settle()
    const fromPanel = await panel('POST', '/resync', { full: true })
    expect(fromPanel.statusCode).toBe(202)
    expect(fromPanel.json().links).toHaveLength(2)
    await world.settle()
    const drift = (await panel('GET', '/drift')).json()
    expect(drift.links.map((l: { report: { trigger: string } }) => l.report.trigger)).toEqual([
      'full',
      'full',
    ])
    for (const l of [a, b]) expect((await summary(l.linkId)).state).toBe('live')
  })

  it('refuses a resync of a paused link, and rejects unknown input', async () => {
    await world.admin('PATCH', `/sites/${DEMO.siteId}/links/${b.linkId}`, { paused: true })
    const res = await world.admin('POST', `/sites/${DEMO.siteId}/links/${b.linkId}/resync`, {})
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('invalid_state')
    await world.admin('PATCH', `/sites/${DEMO.siteId}/links/${b.linkId}`, { paused: false })
    await world.settle()
    const bad = await world.admin('POST', `/sites/${DEMO.siteId}/links/${b.linkId}/resync`, {
      everything: true,
    })
    expect(bad.statusCode).toBe(400)
  })

  it('reconciles on schedule a link whose interval elapsed, and only that one', async () => {
    const interval = world.ctx.config.reconcileIntervalMinutes
    await world.ctx.db.query(
      `update drift_reports set started_at = started_at - make_interval(mins => $2) where link_id = $1`,
      [a.linkId, interval + 1],
    )
    await world.ctx.db.query(
      `update links set created_at = created_at - make_interval(mins => $2) where id = $1`,
      [a.linkId, interval + 1],
    )
    await loseAnEdit(a.webflowCollectionId, 'alpha-2', 'Found by the schedule')
    await world.ctx.boss.send('reconcile-due', {})
    await world.settle()
    expect(await latest(a.linkId)).toMatchObject({ trigger: 'scheduled', found: { changedInWebflow: 1 } })
    expect((await latest(b.linkId)).trigger).toBe('full')
    const hub = await world.hubItems(a.collectionId)
    expect(hub.find((i) => i.slug === 'alpha-2')!.name).toBe('Found by the schedule')
  })
})
