import { describe, expect, it } from 'vitest'
import { DEMO } from '../install/install-world'
import { startSecurityWorld } from './security-world'

describe('permissions enforced by the server', async () => {
  const w = await startSecurityWorld()
  const { ctx, sim, ids } = w
  const site = ids.siteA
  const signIn = async (body: { canEdit?: boolean; user?: { id: string } }) => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { idToken: sim.control.idToken(site, body.user), siteId: site, canEdit: body.canEdit },
    })
    expect(res.statusCode).toBe(200)
    return res.json() as { token: string; role: string }
  }
  const panel = (token: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    ctx.app.inject({
      method,
      url: `/api/sites/${site}${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    })

  it('the installing user is a site manager; a read-only Designer user gets a viewer session', async () => {
    const managers = await w.admin('GET', `/sites/${site}/managers`)
    expect(managers.json().managers).toEqual([
      expect.objectContaining({ userId: DEMO.userId, addedBy: 'install' }),
    ])
    expect((await signIn({})).role).toBe('viewer')
    expect((await signIn({ canEdit: false })).role).toBe('viewer')
    expect((await signIn({ canEdit: true })).role).toBe('manager')
    expect((await signIn({ canEdit: true, user: { id: 'ffffffffffffffffffffffff' } })).role).toBe('editor')
  })

  it('a viewer reads but changes nothing; an editor syncs but mints no keys; a manager does', async () => {
    const viewer = (await signIn({ canEdit: false })).token
    const editor = (await signIn({ canEdit: true, user: { id: 'ffffffffffffffffffffffff' } })).token
    const manager = (await signIn({ canEdit: true })).token
    const before = await w.snapshot()
    expect((await panel(viewer, 'GET', '')).statusCode).toBe(200)
    for (const [method, url, body] of [
      ['POST', '/pause', undefined],
      ['POST', '/api-keys', { name: 'devtools' }],
      ['DELETE', `/links/${ids.linkId}`, undefined],
    ] as const) {
      const res = await panel(viewer, method, url, body)
      expect(res.statusCode, `${method} ${url}`).toBe(403)
    }
    expect((await panel(editor, 'POST', '/api-keys', { name: 'devtools' })).statusCode).toBe(403)
    expect((await panel(editor, 'GET', '/api-keys')).statusCode).toBe(403)
    expect(await w.snapshot()).toEqual(before)
    expect((await panel(editor, 'POST', '/pause')).statusCode).toBe(200)
    expect((await panel(editor, 'POST', '/resume')).statusCode).toBe(200)

    const created = await panel(manager, 'POST', '/api-keys', {
      name: 'ci',
      expiresAt: '2999-01-01T00:00:00Z',
    })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({
      createdBy: `user:${DEMO.userId}`,
      expiresAt: '2999-01-01T00:00:00.000Z',
    })
    const audit = await ctx.db.query(
      `select action, after from audit_log where subject_type = 'api_key' and subject_id = $1`,
      [created.json().id],
    )
    expect(audit.rows).toEqual([
      {
        action: 'api_key.created',
        after: expect.objectContaining({ by: `user:${DEMO.userId}`, name: 'ci' }),
      },
    ])
    expect(JSON.stringify(audit.rows)).not.toContain(created.json().key)
    const past = await panel(manager, 'POST', '/api-keys', { name: 'old', expiresAt: '2001-01-01T00:00:00Z' })
    expect(past.statusCode).toBe(400)
  })

  it('an expired key answers 401', async () => {
    const created = await w.admin('POST', `/sites/${site}/api-keys`, {
      name: 'short',
      expiresAt: '2999-01-01T00:00:00Z',
    })
    expect(created.json().createdBy).toBe('admin')
    const list = () =>
      ctx.app.inject({
        method: 'GET',
        url: '/api/v1/collections',
        headers: { authorization: `Bearer ${created.json().key}` },
      })
    expect((await list()).statusCode).toBe(200)
    await ctx.db.query(`update api_keys set expires_at = now() - interval '1 second' where id = $1`, [
      created.json().id,
    ])
    const res = await list()
    expect(res.statusCode).toBe(401)
    expect(res.json().error.message).toMatch(/expired/)
  })

  it('an admin adds a manager: that user gets a manager session, and loses it when removed', async () => {
    const user = { id: 'eeeeeeeeeeeeeeeeeeeeeeee' }
    expect(
      (await w.admin('PUT', `/sites/${site}/managers/${user.id}`, { email: 'sam@example.com' })).statusCode,
    ).toBe(200)
    expect((await signIn({ canEdit: true, user })).role).toBe('manager')
    expect((await w.admin('DELETE', `/sites/${site}/managers/${user.id}`)).statusCode).toBe(204)
    expect((await signIn({ canEdit: true, user })).role).toBe('editor')
  })

  it('uninstalling revokes the sites’ API keys and ends their sessions; a reinstall keeps the sites paused', async () => {
    const session = (await signIn({ canEdit: true })).token
    expect((await panel(session, 'GET', '')).statusCode).toBe(200)
    const tokensBefore = sim.control.state().tokens.filter((t) => t.kind === 'oauth' && !t.revoked).length
    const id = (await ctx.db.query('select id from installations')).rows[0].id
    const res = await w.admin('POST', `/installations/${id}/uninstall`)
    expect(res.statusCode).toBe(200)
    expect(res.json().apiKeysRevoked).toBeGreaterThanOrEqual(2)
    for (const key of [w.keyA, w.keyB]) {
      const r = await ctx.app.inject({
        method: 'GET',
        url: '/api/v1/collections',
        headers: { authorization: `Bearer ${key}` },
      })
      expect(r.statusCode).toBe(401)
    }
    expect((await panel(session, 'GET', '')).statusCode).toBe(401)

    // Installing again serves the sites again, but neither resumes them nor revives old sessions.
    expect((await w.install()).status).toBe(200)
    expect((await panel(session, 'GET', '')).statusCode).toBe(401)
    const { rows } = await ctx.db.query('select paused from sites order by id')
    expect(rows.every((r) => r.paused)).toBe(true)
    expect(sim.control.state().tokens.filter((t) => t.kind === 'oauth' && !t.revoked).length).toBe(
      tokensBefore,
    )
  })

  it('a reinstall revokes the token it replaces at Webflow', async () => {
    const oauth = () => sim.control.state().tokens.filter((t) => t.kind === 'oauth')
    const live = () => oauth().filter((t) => !t.revoked).length
    const [issued, before] = [oauth().length, live()]
    expect((await w.install()).status).toBe(200)
    expect(oauth().length).toBe(issued + 1) // Webflow issued a new token...
    expect(live()).toBe(before) // ...and the one it replaced no longer works.
  })
})
