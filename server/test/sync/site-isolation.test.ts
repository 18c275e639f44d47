import { describe, expect, it } from 'vitest'
import { contentClient } from '../content/content-client'
import { adminApi } from '../helpers/test-context'
import { CLIENT_SECRET, DEMO, sign, startInstallWorld } from '../install/install-world'

/**
 * One installation covering a workspace of two sites: a designer (or an admin call) of site A never
 * reaches site B's Webflow collections, links or items, and a delivery naming site A never changes
 * site B's link.
 */
describe('two sites under one installation', async () => {
  const w = await startInstallWorld()
  const { ctx, sim } = w
  const seeded = sim.control.seed({
    sites: [
      {
        workspaceId: DEMO.workspaceId,
        displayName: 'Site B',
        collections: [
          {
            displayName: 'Secrets',
            singularName: 'Secret',
            slug: 'secrets',
            fields: [{ type: 'PlainText', displayName: 'Note', slug: 'note' }],
            items: [{ fieldData: { name: 'Launch plan', slug: 'launch-plan', note: 'B only' } }],
          },
        ],
      },
    ],
  })
  const siteB = seeded.sites[0]!
  const secretsId = siteB.collections[0]!.id
  expect((await w.install()).status).toBe(200)
  const admin = adminApi(ctx)
  const settle = async () => {
    await sim.control.webhooksIdle()
    await ctx.boss.send('inbox-process', {})
    await ctx.drain()
  }
  const sites = await ctx.db.query<{ id: string }>('select id from sites order by id')
  const linkCount = async () => (await ctx.db.query('select 1 from links')).rowCount

  it('both sites are served by the one installation', () => {
    expect(sites.rows.map((r) => r.id).sort()).toEqual([DEMO.siteId, siteB.id].sort())
  })

  it('connecting site A to a Webflow collection of site B answers 404 and creates nothing', async () => {
    const contentA = await contentClient(ctx, DEMO.siteId)
    const hubId = await contentA.createCollection('mine', [{ slug: 'note', name: 'Note', type: 'text' }])
    const imported = await admin('POST', `/sites/${DEMO.siteId}/links`, {
      mode: 'import',
      webflowCollectionId: secretsId,
      fields: ['note'],
    })
    expect(imported.statusCode, imported.body).toBe(404)
    expect(imported.json().error.code).toBe('not_found')
    const paired = await admin('POST', `/sites/${DEMO.siteId}/links`, {
      mode: 'link',
      hubCollectionId: hubId,
      webflowCollectionId: secretsId,
      fields: [{ hubSlug: 'note', webflowSlug: 'note' }],
      firstMatchWinner: 'hub',
    })
    expect(paired.statusCode, paired.body).toBe(404)
    expect(await linkCount()).toBe(0)
    const hubOfA = (await contentA.call('GET', '/collections')).json().collections
    expect(hubOfA.map((c: { slug: string }) => c.slug)).toEqual(['mine'])
  })

  it("site A's routes do not reach site B's link or hub collection", async () => {
    const res = await admin('POST', `/sites/${siteB.id}/links`, {
      mode: 'import',
      webflowCollectionId: secretsId,
      fields: ['note'],
    })
    expect(res.statusCode, res.body).toBe(201)
    const linkB = res.json()
    await settle()
    for (const path of [`/links/${linkB.id}`, `/links/${linkB.id}/drift`, `/links/${linkB.id}/errors`]) {
      expect((await admin('GET', `/sites/${DEMO.siteId}${path}`)).statusCode).toBe(404)
    }
    expect((await admin('DELETE', `/sites/${DEMO.siteId}/links/${linkB.id}`)).statusCode).toBe(404)
    expect((await admin('GET', `/sites/${siteB.id}/links/${linkB.id}`)).statusCode).toBe(200)
    // A designer of site A who can edit, with a session bound to site A.
    const session = await ctx.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { idToken: sim.control.idToken(DEMO.siteId), siteId: DEMO.siteId, canEdit: true },
    })
    expect(session.statusCode, session.body).toBe(200)
    const panel = (method: 'GET' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      ctx.app.inject({
        method,
        url: `/api${url}`,
        headers: { authorization: `Bearer ${session.json().token}` },
        ...(payload ? { payload } : {}),
      })
    expect((await panel('GET', `/sites/${DEMO.siteId}/links/${linkB.id}`)).statusCode).toBe(404)
    expect(
      (await panel('PATCH', `/sites/${DEMO.siteId}/links/${linkB.id}`, { paused: true })).statusCode,
    ).toBe(404)
    const collections = (await panel('GET', `/sites/${DEMO.siteId}/collections`)).json()
    expect(collections.webflow.map((c: { id: string }) => c.id)).not.toContain(secretsId)
    expect(collections.links).toEqual([])
    for (const res of [
      await panel('GET', `/sites/${siteB.id}/links/${linkB.id}`),
      await panel('DELETE', `/sites/${siteB.id}/links/${linkB.id}`),
    ])
      expect([401, 403, 404]).toContain(res.statusCode)
    expect((await admin('GET', `/sites/${siteB.id}/links/${linkB.id}`)).json().state).not.toBe('paused')

    const contentA = await contentClient(ctx, DEMO.siteId)
    expect((await contentA.call('GET', `/collections/${linkB.hubCollectionId}`)).statusCode).toBe(404)
    expect((await contentA.call('GET', `/collections/${linkB.hubCollectionId}/items`)).statusCode).toBe(404)
  })

  it("a delivery naming site A with site B's collection changes nothing; site B's own applies", async () => {
    const contentB = await contentClient(ctx, siteB.id)
    const hubId = (await ctx.db.query(`select hub_collection_id from links where site_id = $1`, [siteB.id]))
      .rows[0]!.hub_collection_id
    const items = async () => (await contentB.call('GET', `/collections/${hubId}/items`)).json().items
    const [plan] = await items()
    expect(plan).toMatchObject({ name: 'Launch plan', fields: { note: 'B only' } })
    const webflowItemId = (
      await ctx.db.query(`select webflow_item_id from item_links where hub_item_id = $1`, [plan.id])
    ).rows[0]!.webflow_item_id
    const deliver = async (siteId: string, name: string) => {
      const body = JSON.stringify({
        triggerType: 'collection_item_changed',
        payload: {
          id: webflowItemId,
          siteId,
          workspaceId: DEMO.workspaceId,
          collectionId: secretsId,
          lastUpdated: new Date(Date.now() + 60_000).toISOString(),
          createdOn: '2026-01-01T00:00:00.000Z',
          lastPublished: null,
          isArchived: false,
          isDraft: true,
          fieldData: { name, slug: 'launch-plan', note: 'B only' },
        },
      })
      const timestamp = String(Date.now())
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/webhooks/webflow',
        headers: {
          'content-type': 'application/json',
          'x-webflow-timestamp': timestamp,
          'x-webflow-signature': sign(CLIENT_SECRET, timestamp, body),
        },
        payload: body,
      })
      expect(res.json()).toEqual({ status: 'accepted' })
      await settle()
    }
    await deliver(DEMO.siteId, 'Renamed through site A')
    expect((await items())[0].name).toBe('Launch plan')
    const row = await ctx.db.query(`select status from inbox where site_id = $1`, [DEMO.siteId])
    expect(row.rows.map((r) => r.status)).toEqual(['ignored'])
    await deliver(siteB.id, 'Renamed in site B')
    expect((await items())[0].name).toBe('Renamed in site B')
  })
})
