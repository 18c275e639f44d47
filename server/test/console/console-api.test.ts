import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { RUNBOOK_ANCHORS } from '@bindery/shared/api/admin-alerts'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli'
import { cookieOptions } from '../../src/console/console-session'
import { signConsoleToken } from '../../src/crypto/console-token'
import { designerSession, testConfig } from '../helpers/test-context'
import { DEMO, startSyncWorld } from '../sync/sync-world'

type Cookie = { cookie: string; csrf: string }

describe('the support console session and its admin reads', async () => {
  const world = await startSyncWorld()
  const { ctx } = world
  const inject = ctx.app.inject.bind(ctx.app)

  // Authors imported from Webflow: every item linked, both sides present.
  const linked = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
    mode: 'import',
    webflowCollectionId: DEMO.authorsCollectionId,
    fields: ['bio'],
  })
  expect(linked.statusCode, linked.body).toBe(201)
  await world.settle()
  const link = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${linked.json().id}`)).json()
  const hubItems = (
    await world.content.call('GET', `/collections/${link.hubCollectionId}/items?limit=10`)
  ).json().items as { id: string; slug: string; name: string }[]
  const author = hubItems[0]!

  const signIn = async (
    token = ctx.config.adminToken,
  ): Promise<Cookie & { res: Awaited<ReturnType<typeof inject>> }> => {
    const res = await inject({ method: 'POST', url: '/console/api/session', payload: { token } })
    const raw = [res.headers['set-cookie']].flat()[0] ?? ''
    return { res, cookie: raw.split(';')[0] ?? '', csrf: res.json().csrfToken }
  }
  const asConsole = (s: Cookie, method: 'GET' | 'POST', url: string, csrf = true) =>
    inject({ method, url, headers: { cookie: s.cookie, ...(csrf ? { 'x-csrf-token': s.csrf } : {}) } })

  it('exchanges the admin token for an HttpOnly SameSite=Strict cookie, and refuses a wrong one', async () => {
    const wrong = await signIn('not-the-admin-token')
    expect(wrong.res.statusCode).toBe(401)
    expect(wrong.res.json()).toEqual({ error: { code: 'unauthorized', message: 'wrong admin token' } })
    expect(wrong.res.headers['set-cookie']).toBeUndefined()

    const ok = await signIn()
    expect(ok.res.statusCode).toBe(200)
    const setCookie = String([ok.res.headers['set-cookie']].flat()[0])
    expect(setCookie).toMatch(/^bindery_console=/)
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Strict/)
    expect(setCookie).not.toMatch(/Secure/) // PUBLIC_URL is http here
    expect(setCookie).not.toContain(ctx.config.adminToken)
    expect(cookieOptions(testConfig({ PUBLIC_URL: 'https://bindery.example' })).secure).toBe(true)

    const overview = await asConsole(ok, 'GET', '/admin/api/overview', false)
    expect(overview.statusCode).toBe(200)
    const site = overview.json().sites.find((s: { id: string }) => s.id === DEMO.siteId)
    expect(site).toMatchObject({ paused: false, tokenHealth: 'ok', links: { live: 1 }, failedItems: 0 })
    expect(overview.json().installations[0]).toMatchObject({ status: 'active', siteCount: 1 })
  })

  it('refuses a write without the CSRF token and changes nothing; with it, the write happens', async () => {
    const s = await signIn()
    const refused = await asConsole(s, 'POST', `/admin/api/sites/${DEMO.siteId}/pause`, false)
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.code).toBe('forbidden')
    const wrongCsrf = await inject({
      method: 'POST',
      url: `/admin/api/sites/${DEMO.siteId}/pause`,
      headers: { cookie: s.cookie, 'x-csrf-token': `${s.csrf}x` },
    })
    expect(wrongCsrf.statusCode).toBe(403)
    const paused = async () =>
      (await ctx.db.query('select paused from sites where id = $1', [DEMO.siteId])).rows[0].paused
    expect(await paused()).toBe(false)

    expect((await asConsole(s, 'POST', `/admin/api/sites/${DEMO.siteId}/pause`)).statusCode).toBe(200)
    expect(await paused()).toBe(true)
    expect((await asConsole(s, 'POST', `/admin/api/sites/${DEMO.siteId}/resume`)).statusCode).toBe(200)
    expect(await paused()).toBe(false)
  })

  it('refuses a cookie signed with another secret, an expired one, and one signed out', async () => {
    const forged = await signConsoleToken('another-secret-another-secret-another!!', { sid: 'x', csrf: 'y' })
    const other = await inject({
      method: 'GET',
      url: '/admin/api/overview',
      headers: { cookie: `bindery_console=${forged.token}` },
    })
    expect(other.statusCode).toBe(401)
    expect(other.json().error.code).toBe('unauthorized')

    const old = await signConsoleToken(
      ctx.config.sessionSecret,
      { sid: 'x', csrf: 'y' },
      Date.now() - 31 * 60_000,
    )
    const expired = await inject({
      method: 'GET',
      url: '/console/api/session',
      headers: { cookie: `bindery_console=${old.token}` },
    })
    expect(expired.statusCode).toBe(401)
    expect(expired.json().error.message).toMatch(/expired/)

    const s = await signIn()
    expect(
      (await inject({ method: 'GET', url: '/console/api/session', headers: { cookie: s.cookie } })).json(),
    ).toMatchObject({
      csrfToken: s.csrf,
    })
    const out = await inject({
      method: 'DELETE',
      url: '/console/api/session',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    })
    expect(out.statusCode).toBe(204)
    expect(String([out.headers['set-cookie']].flat()[0])).toMatch(/bindery_console=;/)
    // The same cookie, replayed after sign-out, no longer opens anything.
    expect((await asConsole(s, 'GET', '/admin/api/overview', false)).statusCode).toBe(401)
  })

  it('finds an item by hub id, Webflow id or slug, shows both sides and its history', async () => {
    const byHub = (await world.admin('GET', `/items?q=${author.id}`)).json().items
    expect(byHub).toHaveLength(1)
    const match = byHub[0]
    expect(match).toMatchObject({
      siteId: DEMO.siteId,
      hubItemId: author.id,
      state: 'synced',
      linkId: link.id,
    })
    expect((await world.admin('GET', `/items?q=${match.webflowItemId}`)).json().items[0].hubItemId).toBe(
      author.id,
    )
    expect((await world.admin('GET', `/items?q=${author.slug}`)).json().items[0].hubItemId).toBe(author.id)
    expect((await world.admin('GET', '/items?q=no-such-thing')).json().items).toEqual([])

    // Webflow's side changes behind Bindery's back: the lookup reads it live and shows the difference.
    await world.webflow.collections.items.updateItem(DEMO.authorsCollectionId, match.webflowItemId, {
      fieldData: { name: 'Renamed in Webflow' },
    } as never)
    const detail = (await world.admin('GET', `/sites/${DEMO.siteId}/items/${author.id}`)).json()
    expect(detail.webflowError).toBeNull()
    expect(detail.fields.find((f: { field: string }) => f.field === 'name')).toEqual({
      field: 'name',
      hub: author.name,
      webflow: 'Renamed in Webflow',
      differs: true,
    })
    expect(detail.fields.find((f: { field: string }) => f.field === 'slug').differs).toBe(false)

    // Hub edits write audit rows; the history pages through them newest first.
    for (const n of [1, 2, 3])
      expect(
        (
          await world.content.call('PATCH', `/collections/${link.hubCollectionId}/items/${author.id}`, {
            name: `Edit ${n}`,
          })
        ).statusCode,
      ).toBe(200)
    const page1 = (
      await world.admin('GET', `/sites/${DEMO.siteId}/items/${author.id}/history?limit=2`)
    ).json()
    expect(page1.entries).toHaveLength(2)
    expect(page1.entries[0].after).toMatchObject({ name: 'Edit 3' })
    expect(page1.nextBefore).toBeTruthy()
    const page2 = (
      await world.admin(
        'GET',
        `/sites/${DEMO.siteId}/items/${author.id}/history?limit=2&before=${page1.nextBefore}`,
      )
    ).json()
    expect(page2.entries[0].after).toMatchObject({ name: 'Edit 1' })
  })

  it('refuses the new reads without credentials or with a designer session', async () => {
    const designer = await designerSession(ctx, DEMO.siteId, { role: 'manager' })
    for (const url of [
      '/admin/api/overview',
      `/admin/api/items?q=x`,
      `/admin/api/sites/${DEMO.siteId}/items/${author.id}`,
    ]) {
      expect((await inject({ method: 'GET', url })).statusCode, url).toBe(401)
      const asDesigner = await inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${designer}` },
      })
      expect(asDesigner.statusCode, url).toBe(401)
      expect(asDesigner.json().error.code).toBe('unauthorized')
    }
  })

  it('answers hostile input with a 4xx envelope', async () => {
    for (const url of [
      '/items?q=',
      `/items?q=${'x'.repeat(300)}`,
      '/items?q=a&extra=1',
      `/sites/${DEMO.siteId}/items/not-a-uuid`,
      `/sites/${DEMO.siteId}/items/${author.id}/history?before=abc`,
      `/sites/${DEMO.siteId}/items/${author.id}/history?limit=0`,
      `/sites/${DEMO.siteId}/items/${author.id}/history?before=99999999999999999999`,
      `/sites/other-site/items/${author.id}`,
    ]) {
      const res = await world.admin('GET', url)
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400)
      expect(res.statusCode, url).toBeLessThan(500)
      expect(res.json().error.code, url).toMatch(/validation_error|not_found/)
    }
    const bad = await inject({ method: 'POST', url: '/console/api/session', payload: { token: '', more: 1 } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('validation_error')
  })

  it('looks an item up from the CLI: both sides, state and history', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bindery-cli-item-'))
    const tokenFile = path.join(dir, 'admin-token')
    writeFileSync(tokenFile, ctx.config.adminToken, { mode: 0o600 })
    const cli = async (...argv: string[]) => {
      const out: string[] = []
      const err: string[] = []
      const code = await runCli([...argv, '--url', world.publicUrl, '--token-file', tokenFile], {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
        sleep: async () => {},
      })
      return { code, out: out.join('\n'), err: err.join('\n') }
    }
    const found = await cli('item', author.slug, '--limit', '2')
    expect(found.code, found.err).toBe(0)
    expect(found.out).toContain(`hub ${author.id}`)
    expect(found.out).toMatch(/name\s+Edit 3\s+Renamed in Webflow\s+DIFFERS/)
    expect(found.out).toMatch(/item\.update/)
    const cursor = found.out.match(/--before (\d+)/)?.[1]
    expect(cursor).toBeTruthy()
    const older = await cli('item', author.id, '--before', cursor!, '--json')
    expect(JSON.parse(older.out).history.entries[0].after).toMatchObject({ name: 'Edit 1' })
    const none = await cli('item', 'no-such-item')
    expect(none.code).toBe(1)
    expect(none.err).toContain('no item matches "no-such-item"')
  })

  it('serves the runbooks, a section for every alert the console links to', async () => {
    const res = await world.admin('GET', '/runbooks')
    expect(res.statusCode).toBe(200)
    const headings = res.json().markdown.match(/^## .*$/gm) as string[]
    for (const anchor of Object.values(RUNBOOK_ANCHORS)) expect(headings).toContain(`## ${anchor}`)
    expect((await inject({ method: 'GET', url: '/admin/api/runbooks' })).statusCode).toBe(401)
  })
})
