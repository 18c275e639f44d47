import { describe, expect, it } from 'vitest'
import { cipherFor } from '../../src/crypto/cipher-for'
import { cipherContext } from '../../src/crypto/token-cipher'
import { designerSession } from '../helpers/test-context'
import { CLIENT_ID, CLIENT_SECRET } from '../install/install-world'
import { DEMO, startReconcileWorld, webflowItems } from '../reconcile/reconcile-world'
import { startAlertReceiver } from './alert-receiver'
import { metricValue } from './prom-text'

describe('a token revoked in Webflow', async () => {
  const receiver = await startAlertReceiver()
  const world = await startReconcileWorld({ ALERT_WEBHOOK_URL: receiver.url })
  const { ctx } = world
  const { collectionId, webflowCollectionId } = await world.publishLink('guarded', 2)
  // Drained, not settled: a webhook delivered while the token is refused waits in the inbox on purpose.
  const checkAlerts = async () => {
    await ctx.boss.send('alerts-check', {})
    await ctx.drain()
  }
  const panelStatus = async () => {
    const res = await ctx.app.inject({
      url: `/api/sites/${DEMO.siteId}`,
      headers: { authorization: `Bearer ${await designerSession(ctx, DEMO.siteId)}` },
    })
    expect(res.statusCode, res.body).toBe(200)
    return res.json()
  }
  const scrape = async () =>
    (await ctx.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${ctx.config.adminToken}` } }))
      .body

  it('holds the site’s jobs instead of retrying them into the dead letters', async () => {
    // The workspace admin revokes Bindery's access (Webflow's revoke endpoint, over HTTP).
    const { rows } = await ctx.db.query('select id, token_ciphertext from installations')
    const token = cipherFor(ctx.config).decrypt(
      rows[0].token_ciphertext,
      cipherContext.installationToken(rows[0].id),
    )
    const revoked = await fetch(`${world.sim.url}/oauth/revoke_authorization`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, access_token: token }),
    })
    expect(revoked.status).toBe(200)

    const created = await world.content.call('POST', `/collections/${collectionId}/items`, {
      slug: 'after-revoke',
      name: 'Written after the revoke',
      status: 'published',
      fields: { summary: 'waits for a reinstall' },
    })
    expect(created.statusCode).toBe(201)
    await world.settle()

    const held = await ctx.db.query('select queue from held_jobs where site_id = $1', [DEMO.siteId])
    expect(held.rows.map((r) => r.queue)).toContain('link-push')
    const dead = await world.admin('GET', '/dead-letters')
    expect(dead.json().total).toBe(0)
    expect((await webflowItems(world, webflowCollectionId)).map((i) => i.fieldData!.slug)).not.toContain(
      'after-revoke',
    )

    const status = await panelStatus()
    expect(status.installation).toMatchObject({
      needsReinstall: true,
      installUrl: `${world.publicUrl}/oauth/install?popup=1`,
    })
    expect(status.installation.tokenRejectedAt).toEqual(expect.any(String))
    expect(
      metricValue(await scrape(), 'bindery_installation_needs_reinstall', { installation: rows[0].id }),
    ).toBe(1)

    // Support's "Sync now" meets the same refusal: held, with the reinstall link, not a 5xx.
    const again = await world.content.call('POST', `/collections/${collectionId}/items`, {
      slug: 'after-revoke-2',
      name: 'Second write',
      status: 'draft',
      fields: {},
    })
    expect(again.statusCode).toBe(201)
    await world.settle()
    expect((await world.admin('GET', '/dead-letters')).json().total).toBe(0)

    // A Designer edit delivered meanwhile waits in the inbox, pending, like under the kill switch.
    const [first] = await webflowItems(world, webflowCollectionId)
    world.sim.control.designer.updateItem(webflowCollectionId, first!.id!, {
      fieldData: { name: 'Edited while revoked' },
    })
    await world.sim.control.webhooksIdle()
    await ctx.boss.send('inbox-process', {})
    await ctx.drain()
    const waiting = await ctx.db.query(
      `select status from inbox where site_id = $1 and status <> 'processed'`,
      [DEMO.siteId],
    )
    expect(waiting.rows.map((r) => r.status)).toEqual(['pending'])
  })

  it('raises exactly one alert, however often the check runs', async () => {
    await checkAlerts()
    await checkAlerts()
    await checkAlerts()
    expect(receiver.received).toHaveLength(1)
    const [alert] = receiver.received
    expect(alert!.bindery).toMatchObject({
      event: 'opened',
      kind: 'token_revoked',
      runbook: 'docs/runbooks.md#token-revoked',
    })
    expect(alert!.text).toContain(`${world.publicUrl}/console/sites/${DEMO.siteId}`)
    expect(alert!.text).toContain('docs/runbooks.md#token-revoked')
    const open = await world.admin('GET', '/alerts')
    expect(open.json().items).toHaveLength(1)
    expect(open.json().items[0]).toMatchObject({ kind: 'token_revoked', resolvedAt: null })
  })

  it('is released by a reinstall: held work goes through and the resolved message follows', async () => {
    const installed = await world.install()
    expect(installed.status).toBe(200)
    expect((await ctx.db.query('select 1 from held_jobs where site_id = $1', [DEMO.siteId])).rowCount).toBe(0)
    expect((await panelStatus()).installation).toMatchObject({ needsReinstall: false, tokenRejectedAt: null })
    await world.settle()
    const slugs = (await webflowItems(world, webflowCollectionId)).map((i) => i.fieldData!.slug)
    expect(slugs).toEqual(expect.arrayContaining(['after-revoke', 'after-revoke-2']))
    const pending = await ctx.db.query(`select 1 from inbox where status = 'pending'`)
    expect(pending.rowCount).toBe(0)
    const hub = await world.hubItems(collectionId)
    expect(hub.map((i) => i.name)).toContain('Edited while revoked')

    await checkAlerts()
    await checkAlerts()
    expect(receiver.received).toHaveLength(2)
    expect(receiver.received[1]!.bindery).toMatchObject({
      event: 'resolved',
      kind: 'token_revoked',
      incidentId: receiver.received[0]!.bindery.incidentId,
    })
    expect((await world.admin('GET', '/alerts')).json().items).toHaveLength(0)
    expect(metricValue(await scrape(), 'bindery_installation_needs_reinstall')).toBe(0)
  })
})
