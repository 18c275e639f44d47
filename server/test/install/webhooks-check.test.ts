import { describe, expect, it } from 'vitest'
import { WEBHOOK_TRIGGERS } from '../../src/install/register-webhooks'
import { DEMO, startInstallWorld } from './install-world'

describe('webhook registration, self-healing, admin API and uninstall', async () => {
  const w = await startInstallWorld({ webhookMaxRetries: 0 })
  const { ctx, sim } = w
  const hookUrl = `${w.publicUrl}/webhooks/webflow`
  const siteHooks = () => sim.control.webhooks().filter((h) => h.siteId === DEMO.siteId)
  const admin = (method: 'GET' | 'POST', url: string, token = ctx.config.adminToken) =>
    ctx.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } })
  const appToken = sim.control.oauthToken(DEMO.workspaceId)
  const createHook = (triggerType: string, url: string) =>
    fetch(`${sim.url}/v2/sites/${DEMO.siteId}/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${appToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ triggerType, url }),
    })

  it('registers one webhook per trigger at install', async () => {
    expect((await w.install()).status).toBe(200)
    expect(
      siteHooks()
        .map((h) => h.triggerType)
        .sort(),
    ).toEqual([...WEBHOOK_TRIGGERS].sort())
    expect(siteHooks().every((h) => h.url === hookUrl && h.active)).toBe(true)
  })

  it('the check is idempotent, removes duplicates and stale URLs, and recreates what is missing', async () => {
    await createHook('collection_item_changed', hookUrl)
    await createHook('collection_item_created', 'https://old.example/webhooks/webflow')
    const gone = siteHooks().find((h) => h.triggerType === 'site_publish')!
    await fetch(`${sim.url}/v2/webhooks/${gone.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${appToken}` },
    })
    await ctx.boss.send('webhooks-check', {})
    expect(await ctx.drain(['webhooks-check'])).toEqual({ completed: 1, failed: 0 })
    const hooks = siteHooks()
    expect(hooks).toHaveLength(WEBHOOK_TRIGGERS.length)
    expect(new Set(hooks.map((h) => h.triggerType)).size).toBe(WEBHOOK_TRIGGERS.length)
    expect(hooks.every((h) => h.url === hookUrl)).toBe(true)
    const health = (await ctx.db.query('select webhook_health from sites where id = $1', [DEMO.siteId]))
      .rows[0]
    expect(health.webhook_health).toMatchObject({ ok: true, missing: [], created: ['site_publish'] })
    const before = siteHooks().map((h) => h.id)
    await ctx.boss.send('webhooks-check', { siteId: DEMO.siteId })
    await ctx.drain(['webhooks-check'])
    expect(siteHooks().map((h) => h.id)).toEqual(before)
  })

  it('recreates a webhook Webflow deactivated after failed deliveries', async () => {
    // Deliveries signed 10 minutes in the past are refused (stale), and with no retries left the
    // simulator deactivates the webhook, as Webflow does after its retries.
    sim.control.advanceClock(-10 * 60_000)
    const itemId = [...sim.store.collections.get(DEMO.postsCollectionId)!.items.keys()][0]!
    sim.control.designer.updateItem(DEMO.postsCollectionId, itemId, { fieldData: { name: 'Stale edit' } })
    await sim.control.webhooksIdle()
    sim.control.advanceClock(10 * 60_000)
    const dead = siteHooks().find((h) => h.triggerType === 'collection_item_changed')!
    expect(dead.active).toBe(false)
    const res = await admin('POST', `/admin/api/sites/${DEMO.siteId}/webhooks/repair`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ ok: true, repaired: ['collection_item_changed'] })
    const changed = siteHooks().filter((h) => h.triggerType === 'collection_item_changed')
    expect(changed).toHaveLength(1)
    expect(changed[0]).toMatchObject({ active: true, url: hookUrl })
    expect(changed[0]!.id).not.toBe(dead.id)
  })

  it('admin API: 401 without the admin token; lists installations and sites without tokens', async () => {
    expect((await admin('GET', '/admin/api/installations', 'x'.repeat(32))).statusCode).toBe(401)
    expect((await ctx.app.inject({ method: 'GET', url: '/admin/api/sites' })).statusCode).toBe(401)
    const list = await admin('GET', '/admin/api/installations')
    expect(list.statusCode).toBe(200)
    expect(list.json().installations).toHaveLength(1)
    expect(list.body).not.toMatch(/ciphertext|token"/i)
    for (const t of sim.store.tokens.keys()) expect(list.body).not.toContain(t)
    const sites = await admin('GET', '/admin/api/sites')
    expect(sites.json().sites).toEqual([
      expect.objectContaining({
        id: DEMO.siteId,
        paused: false,
        webhookHealth: expect.objectContaining({ ok: true }),
      }),
    ])
  })

  it('uninstall revokes at Webflow, deletes the webhooks, wipes the token and pauses the sites', async () => {
    const id = (await ctx.db.query('select id from installations')).rows[0].id
    const res = await admin('POST', `/admin/api/installations/${id}/uninstall`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      revokedAtWebflow: true,
      webhooksDeleted: WEBHOOK_TRIGGERS.length,
      sitesPaused: 1,
      installation: { status: 'revoked' },
    })
    expect(siteHooks().filter((h) => h.url === hookUrl)).toHaveLength(0)
    const row = (await ctx.db.query('select status, token_ciphertext from installations')).rows[0]
    expect(row).toEqual({ status: 'revoked', token_ciphertext: null })
    expect((await ctx.db.query('select paused from sites')).rows).toEqual([{ paused: true }])
    expect(sim.control.state().tokens.filter((t) => t.kind === 'oauth' && !t.revoked)).toHaveLength(1) // the test's own
    const audit = await ctx.db.query(`select action from audit_log order by id desc limit 1`)
    expect(audit.rows[0].action).toBe('installation.uninstalled')
    // The scheduled check leaves paused sites of revoked installations alone.
    await ctx.boss.send('webhooks-check', {})
    expect(await ctx.drain(['webhooks-check'])).toEqual({ completed: 1, failed: 0 })
    expect(siteHooks().filter((h) => h.url === hookUrl)).toHaveLength(0)
  })
})
