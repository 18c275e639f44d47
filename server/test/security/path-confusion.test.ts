import { describe, expect, it } from 'vitest'
import { PANEL_ORIGIN } from '../install/install-world'
import { startSecurityWorld } from './security-world'

/**
 * The same guarded routes, written every way a router, a proxy or a string test might read
 * differently. None may answer 2xx, and none may change anything: each is refused by its scope's
 * authentication (401/403) or matches no route (404). Sent over real HTTP, byte for byte.
 */
describe('path confusion on every guarded scope', async () => {
  const w = await startSecurityWorld()
  const site = w.ids.siteA
  const json = { 'content-type': 'application/json' }

  // [method, path, body] of a guarded route that changes something, per scope.
  const targets: [string, string, string | undefined][] = [
    ['POST', `/api/sites/${site}/api-keys`, '{"name":"x"}'],
    ['POST', `/api/sites/${site}/pause`, undefined],
    ['GET', `/api/sites/${site}`, undefined],
    ['POST', `/admin/api/sites/${site}/api-keys`, '{"name":"x"}'],
    ['POST', `/admin/api/sites/${site}/pause`, undefined],
    ['GET', '/admin/api/installations', undefined],
    ['POST', '/api/v1/collections', '{"slug":"x","name":"x","singularName":"x","fields":[]}'],
    ['GET', '/api/v1/collections', undefined],
  ]

  /** The ways to write `path` that must not reach its handler without credentials. */
  const variants = (path: string): string[] => {
    const [, first = '', ...rest] = path.split('/')
    const tail = rest.join('/')
    const encodedFirst = `%${first.charCodeAt(0).toString(16)}${first.slice(1)}`
    return [
      path,
      `/${encodedFirst}/${tail}`, // /%61pi/…, /%61dmin/…
      `/${first}%2F${tail}`, // /api%2Fsites/…
      `/${first}%2f${tail}`,
      `/${first}/${tail.replace(/^([a-z])/, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
      `/${[first, ...rest].map((s) => s.replace(/[a-z]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)).join('/')}`,
      `//${first}/${tail}`,
      `/${first}//${tail}`,
      `${path}//`,
      `/${first}/./${tail}`,
      `/${first}/%2e/${tail}`,
      `/x/../${first}/${tail}`,
      `/${first}/x/%2e%2e/${tail}`,
      `/${first}/${tail}/`,
      `/${first.toUpperCase()}/${tail}`,
      path.toUpperCase(),
      `/${first};x=1/${tail}`,
      `${path};jsessionid=1`,
      `${path}?/api/session`,
      `/api/session?${path}`,
      `${path}%00`,
      `${path}#frag`,
      `/${first}\\${tail}`,
    ]
  }

  it('every variant, without credentials: 401/403/404 (400 for a malformed request), never 2xx', async () => {
    const before = await w.snapshot()
    const seen: string[] = []
    for (const [method, path, body] of targets) {
      for (const variant of variants(path)) {
        const res = await w.raw(method, variant, { headers: body ? json : {}, body })
        seen.push(`${res.status} ${method} ${variant}`)
        expect([400, 401, 403, 404], `${method} ${variant} → ${res.status} ${res.body}`).toContain(res.status)
      }
    }
    expect(seen.length).toBeGreaterThan(150)
    expect(await w.snapshot()).toEqual(before)
  })

  it('HEAD and OPTIONS on guarded routes: 401/404, never 2xx (a real panel preflight is the one exception)', async () => {
    const before = await w.snapshot()
    for (const [, path] of targets) {
      const head = await w.raw('HEAD', path)
      expect([401, 404], `HEAD ${path}`).toContain(head.status)
      const options = await w.raw('OPTIONS', path)
      expect([401, 404], `OPTIONS ${path}`).toContain(options.status)
      const foreign = await w.raw('OPTIONS', path, {
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      })
      expect([401, 404], `OPTIONS ${path} from another origin`).toContain(foreign.status)
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined()
    }
    // The panel's own preflight gets its CORS answer, with no body and no data.
    const preflight = await w.raw('OPTIONS', `/api/sites/${site}/api-keys`, {
      headers: { origin: PANEL_ORIGIN, 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers['access-control-allow-origin']).toBe(PANEL_ORIGIN)
    expect(preflight.body).toBe('')
    expect(await w.snapshot()).toEqual(before)
  })

  it('credentials of the wrong audience open nothing: a session on /admin/api and /api/v1, a key on /api/sites', async () => {
    const before = await w.snapshot()
    const session = await w.sessionOf(site)
    const asSession = { authorization: `Bearer ${session}`, ...json }
    const asKey = { authorization: `Bearer ${w.keyA}`, ...json }
    const asAdmin = { authorization: `Bearer ${w.ctx.config.adminToken}`, ...json }
    for (const [method, path, body] of targets) {
      for (const variant of variants(path)) {
        for (const headers of [
          path.startsWith('/api/sites') ? null : asSession,
          path.startsWith('/api/v1') ? null : asKey,
          path.startsWith('/admin/api') ? null : asAdmin,
        ]) {
          if (!headers) continue
          const res = await w.raw(method, variant, { headers, body })
          expect([400, 401, 403, 404], `${method} ${variant} → ${res.status} ${res.body}`).toContain(
            res.status,
          )
        }
      }
    }
    expect(await w.snapshot()).toEqual(before)
  })
})
