import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { startSecurityWorld } from './security-world'

/**
 * As an attacker who knows site A's id (it is public) and holds credentials for site B of the same
 * workspace: every guarded route of the app, taken from the route table, is tried with none of
 * them and with site B's; each answers 401/403/404 and nothing changes.
 */
describe('every guarded route, attacked', async () => {
  const w = await startSecurityWorld()
  const { ids } = w
  const guarded = w.ctx.app.routeTable.filter((r) => r.audience !== 'public' && r.method !== 'OPTIONS')

  /** The route's URL aimed at site A's real resources. */
  const aimAtA = (url: string) =>
    url
      .replace(':siteId', ids.siteA)
      .replace(':linkId', ids.linkId)
      .replace(':itemId', ids.itemId)
      .replace(':webflowItemId', 'wf-item')
      .replace(/\/collections\/:id/, `/collections/${ids.collectionId}`)
      .replace(':id', randomUUID())
      .replace(/\*$/, 'x')
  const send = (method: string, url: string, headers: Record<string, string>) =>
    w.ctx.app.inject({
      method: method as 'POST',
      url,
      headers: { ...headers, 'content-type': 'application/json' },
      ...(method === 'GET' || method === 'HEAD' ? {} : { payload: '{}' }),
    })

  it('walks dozens of guarded routes in all four guarded audiences', () => {
    expect(guarded.length).toBeGreaterThan(40)
    expect(new Set(guarded.map((r) => r.audience))).toEqual(
      new Set(['content', 'designer', 'admin', 'metrics']),
    )
  })

  it('no credentials, forged ones, or a session of site B: 401/403 on every guarded route', async () => {
    const before = await w.snapshot()
    const sessionB = await w.sessionOf(ids.siteB, 'manager')
    for (const route of guarded) {
      const url = aimAtA(route.url)
      for (const headers of [
        {} as Record<string, string>,
        { authorization: 'Bearer ' },
        { authorization: `Bearer ${'x'.repeat(40)}` },
        { authorization: `Basic ${Buffer.from(`admin:${w.ctx.config.adminToken}`).toString('base64')}` },
        { authorization: `Bearer ${sessionB}` },
      ]) {
        const res = await send(route.method, url, headers)
        expect(
          [401, 403],
          `${route.method} ${url} (${route.audience}) → ${res.statusCode} ${res.body}`,
        ).toContain(res.statusCode)
      }
    }
    expect(await w.snapshot()).toEqual(before)
  })

  it("site B's content API key reaches none of site A's content", async () => {
    const before = await w.snapshot()
    for (const route of guarded.filter((r) => r.audience === 'content' && r.url.includes(':id'))) {
      const url = aimAtA(route.url)
      const res = await send(route.method, url, { authorization: `Bearer ${w.keyB}` })
      expect([400, 404], `${route.method} ${url} → ${res.statusCode} ${res.body}`).toContain(res.statusCode)
    }
    expect(await w.snapshot()).toEqual(before)
  })
})
