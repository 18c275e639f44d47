import { describe, expect, it } from 'vitest'
import { createState } from '../../src/install/oauth-state'
import { WEBHOOK_TRIGGERS } from '../../src/install/register-webhooks'
import { Browser } from '../../src/sandbox/browser'
import { CLIENT_SECRET, DEMO, PANEL_ORIGIN, startInstallWorld } from './install-world'

describe('OAuth install', async () => {
  const w = await startInstallWorld()
  const { ctx, sim } = w
  const count = async (table: string) =>
    Number((await ctx.db.query(`select count(*)::int as n from ${table}`)).rows[0].n)
  const ourHooks = () =>
    sim.control
      .webhooks()
      .filter((h) => h.siteId === DEMO.siteId && h.url === `${w.publicUrl}/webhooks/webflow`)

  it('redirects to Webflow authorize with the app, redirect URI, scopes and a signed state', async () => {
    const res = await fetch(`${w.publicUrl}/oauth/install`, { redirect: 'manual' })
    expect(res.status).toBe(302)
    const to = new URL(res.headers.get('location')!)
    expect(`${to.origin}${to.pathname}`).toBe(`${sim.url}/oauth/authorize`)
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'test-client',
      redirect_uri: `${w.publicUrl}/oauth/callback`,
      scope: 'sites:read sites:write cms:read cms:write authorized_user:read',
    })
    expect(to.searchParams.get('state')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    // The browser that started the install keeps the state's nonce, for the callback to match.
    expect(res.headers.get('set-cookie')).toMatch(/^bindery_oauth_state=[\w-]+;.*HttpOnly.*SameSite=Lax/i)
  })

  it('installs with nothing but redirects: token encrypted, sites discovered, webhooks registered', async () => {
    const res = await w.install('/oauth/install?popup=1')
    expect(res.status).toBe(200)
    expect(res.body).toContain('Bindery is installed on Demo Site')
    expect(res.body).toContain('bindery:installed')
    expect(res.body).toContain(JSON.stringify([PANEL_ORIGIN]))
    const { rows } = await ctx.db.query('select * from installations')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ status: 'active', workspace_ids: [DEMO.workspaceId], rate_limit: 120 })
    expect(rows[0].token_ciphertext).toMatch(/^v2\.[0-9a-f]{8}\./)
    expect(rows[0].authorized_user).toMatchObject({ email: 'dana@example.com' })
    const site = (await ctx.db.query('select * from sites where id = $1', [DEMO.siteId])).rows[0]
    expect(site).toMatchObject({ display_name: 'Demo Site', paused: false })
    expect(site.webhook_health).toMatchObject({ ok: true })
    expect(
      ourHooks()
        .map((h) => h.triggerType)
        .sort(),
    ).toEqual([...WEBHOOK_TRIGGERS].sort())
    expect(await count('site_webhooks')).toBe(WEBHOOK_TRIGGERS.length)
    const audit = await ctx.db.query(
      `select action, direction from audit_log where subject_type = 'installation'`,
    )
    expect(audit.rows).toEqual([{ action: 'installation.installed', direction: 'admin' }])
  })

  it('stores no plaintext token or client secret anywhere in the database', async () => {
    const tokens = sim.control.state().tokens
    expect(tokens.length).toBeGreaterThan(0)
    const plaintext = [...sim.store.tokens.keys()]
    const { rows: tables } = await ctx.db.query<{ t: string }>(
      `select quote_ident(table_schema) || '.' || quote_ident(table_name) as t from information_schema.tables
       where table_schema in ('public', 'pgboss') and table_type = 'BASE TABLE'`,
    )
    let dump = ''
    for (const { t } of tables) {
      const { rows } = await ctx.db.query(`select row_to_json(x)::text as j from ${t} x`)
      dump += rows.map((r) => r.j).join('\n')
    }
    expect(dump).toContain(DEMO.siteId)
    for (const token of plaintext) expect(dump).not.toContain(token)
    expect(dump).not.toContain(CLIENT_SECRET)
  })

  it('re-install with a rotated token replaces the token and re-registers webhooks', async () => {
    const before = (await ctx.db.query('select id, token_ciphertext from installations')).rows[0]
    for (const h of ourHooks().slice(0, 2))
      await fetch(`${sim.url}/v2/webhooks/${h.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${sim.control.oauthToken(DEMO.workspaceId)}` },
      })
    expect(ourHooks()).toHaveLength(WEBHOOK_TRIGGERS.length - 2)
    const res = await w.install()
    expect(res.status).toBe(200)
    const after = (await ctx.db.query('select id, token_ciphertext from installations')).rows
    expect(after).toHaveLength(1)
    expect(after[0].id).toBe(before.id)
    expect(after[0].token_ciphertext).not.toBe(before.token_ciphertext)
    expect(ourHooks()).toHaveLength(WEBHOOK_TRIGGERS.length)
    const audit = await ctx.db.query(`select action from audit_log order by id desc limit 1`)
    expect(audit.rows[0].action).toBe('installation.token_rotated')
  })

  describe('rejects the callback, storing nothing', () => {
    async function rejected(url: string, message: RegExp) {
      const before = (await ctx.db.query('select token_ciphertext from installations')).rows
      const res = await browser.fetch(url)
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toContain('text/html')
      expect(await res.text()).toMatch(message)
      expect((await ctx.db.query('select token_ciphertext from installations')).rows).toEqual(before)
    }
    /** The callback URL the simulator redirects to, without following it. */
    const browser = new Browser()
    async function callbackUrl(): Promise<URL> {
      const authorize = (await browser.fetch(`${w.publicUrl}/oauth/install`)).headers.get('location')!
      return new URL((await browser.fetch(authorize)).headers.get('location')!)
    }

    it('a callback in another browser than the one that started the install (install CSRF)', async () => {
      const cb = await callbackUrl()
      const res = await fetch(cb, { redirect: 'manual' })
      expect(res.status).toBe(400)
      expect(await res.text()).toMatch(/started in another browser/)
      // The rightful browser can still finish it: nothing was consumed.
      expect((await browser.fetch(cb.toString())).status).toBe(200)
    })

    it('a missing state', async () => {
      const cb = await callbackUrl()
      cb.searchParams.delete('state')
      await rejected(cb.toString(), /missing its state/)
    })

    it('a forged state', async () => {
      const cb = await callbackUrl()
      const [header, body] = cb.searchParams.get('state')!.split('.')
      cb.searchParams.set('state', `${header}.${body}.${'A'.repeat(43)}`)
      await rejected(cb.toString(), /could not be verified/)
      cb.searchParams.set('state', (await createState('another-secret-of-at-least-32-chars!!', false)).state)
      await rejected(cb.toString(), /could not be verified/)
    })

    it('an expired state', async () => {
      const cb = await callbackUrl()
      cb.searchParams.set(
        'state',
        (await createState(ctx.config.sessionSecret, false, Date.now() - 11 * 60_000)).state,
      )
      await rejected(cb.toString(), /expired/)
    })

    it('a replayed state', async () => {
      const cb = await callbackUrl()
      expect((await browser.fetch(cb.toString())).status).toBe(200)
      await rejected(cb.toString(), /already used|another browser/)
    })

    it('a reused code', async () => {
      const cb = await callbackUrl()
      expect((await browser.fetch(cb.toString())).status).toBe(200)
      const fresh = await callbackUrl()
      fresh.searchParams.set('code', cb.searchParams.get('code')!)
      await rejected(fresh.toString(), /invalid, expired or was already used/)
    })

    it('a denied authorization', async () => {
      const cb = await callbackUrl()
      cb.searchParams.delete('code')
      cb.searchParams.set('error', 'access_denied')
      await rejected(cb.toString(), /did not authorize/)
    })
  })
})
