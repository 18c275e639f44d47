import { describe, expect, it } from 'vitest'
import { designerSession } from '../helpers/test-context'
import { DEMO, PANEL_ORIGIN, startInstallWorld } from './install-world'

describe('extension sessions', async () => {
  const w = await startInstallWorld()
  const { ctx, sim } = w
  const other = sim.control.seed({ sites: [{ displayName: 'Other Site' }] }).sites[0]!.id
  const session = (body: unknown) =>
    ctx.app.inject({ method: 'POST', url: '/api/session', payload: body as object })
  const getSite = (siteId: string, token?: string) =>
    ctx.app.inject({
      method: 'GET',
      url: `/api/sites/${siteId}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    })

  it('answers 409 not_installed with an install URL before the install', async () => {
    const res = await session({ idToken: sim.control.idToken(DEMO.siteId), siteId: DEMO.siteId })
    expect(res.statusCode).toBe(409)
    expect(res.json().error).toMatchObject({
      code: 'not_installed',
      installUrl: `${w.publicUrl}/oauth/install?popup=1`,
    })
  })

  it('trades a Webflow ID token for a session scoped to that user and site', async () => {
    expect((await w.install()).status).toBe(200)
    const res = await session({ idToken: sim.control.idToken(DEMO.siteId), siteId: DEMO.siteId })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.user).toEqual({ id: DEMO.userId, email: 'dana@example.com', name: 'Dana Designer' })
    expect(body.site).toEqual({ id: DEMO.siteId, displayName: 'Demo Site' })
    const ttl = Date.parse(body.expiresAt) - Date.now()
    expect(ttl).toBeGreaterThan(29 * 60_000)
    expect(ttl).toBeLessThanOrEqual(30 * 60_000)
    const site = await getSite(DEMO.siteId, body.token)
    expect(site.statusCode).toBe(200)
    expect(site.json()).toMatchObject({ id: DEMO.siteId, paused: false, installation: { status: 'active' } })
    expect(site.json().webhookHealth).toMatchObject({ ok: true, missing: [] })
  })

  it('rejects a forged ID token (401)', async () => {
    const forged = `${sim.control.idToken(DEMO.siteId).slice(0, -4)}AAAA`
    const res = await session({ idToken: forged, siteId: DEMO.siteId })
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('unauthorized')
  })

  it('rejects an ID token for another site (403)', async () => {
    const res = await session({ idToken: sim.control.idToken(other), siteId: DEMO.siteId })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('forbidden')
  })

  it('rejects unknown fields and missing ones (400)', async () => {
    expect((await session({ siteId: DEMO.siteId })).statusCode).toBe(400)
    expect((await session({ idToken: 'x', siteId: DEMO.siteId, admin: true })).statusCode).toBe(400)
  })

  it('guards /api routes: missing, forged and expired sessions get 401', async () => {
    expect((await getSite(DEMO.siteId)).statusCode).toBe(401)
    const good = await designerSession(ctx, DEMO.siteId)
    const forged = await designerSession(ctx, DEMO.siteId, { secret: 'x'.repeat(40) })
    expect((await getSite(DEMO.siteId, forged)).statusCode).toBe(401)
    expect((await getSite(DEMO.siteId, `${good}x`)).statusCode).toBe(401)
    expect((await getSite(DEMO.siteId, 'not.a.jwt')).statusCode).toBe(401)
    const expired = await designerSession(ctx, DEMO.siteId, { now: Date.now() - 31 * 60_000 })
    const res = await getSite(DEMO.siteId, expired)
    expect(res.statusCode).toBe(401)
    expect(res.json().error.message).toMatch(/expired/)
  })

  it('a session for site A gets 403 on site B', async () => {
    const a = await designerSession(ctx, DEMO.siteId)
    const res = await getSite(other, a)
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('forbidden')
  })

  it('allows exactly EXTENSION_ORIGINS on /api, and no CORS elsewhere', async () => {
    const preflight = (url: string, origin: string) =>
      ctx.app.inject({
        method: 'OPTIONS',
        url,
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization',
        },
      })
    const ok = await preflight('/api/session', PANEL_ORIGIN)
    expect(ok.statusCode).toBeLessThan(300)
    expect(ok.headers['access-control-allow-origin']).toBe(PANEL_ORIGIN)
    expect(String(ok.headers['access-control-allow-headers'])).toMatch(/Authorization/)
    expect(ok.headers['access-control-allow-credentials']).toBeUndefined()
    const evil = await preflight('/api/session', 'https://evil.example')
    expect(evil.headers['access-control-allow-origin']).toBeUndefined()
    const hook = await preflight('/webhooks/webflow', PANEL_ORIGIN)
    expect(hook.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('answers not_installed once the installation is revoked', async () => {
    const id = (await ctx.db.query('select id from installations')).rows[0].id
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/admin/api/installations/${id}/uninstall`,
      headers: { authorization: `Bearer ${ctx.config.adminToken}` },
    })
    expect(res.statusCode).toBe(200)
    const again = await session({ idToken: sim.control.idToken(DEMO.siteId), siteId: DEMO.siteId })
    expect(again.statusCode).toBe(409)
  })
})
