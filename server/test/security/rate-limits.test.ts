import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../src/plugins/rate-limits'
import { contentClient } from '../content/content-client'
import { createTestContext } from '../helpers/test-context'

describe('rate limits on the public doors and per content API key', async () => {
  const ctx = await createTestContext()
  const get = (url: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'GET', url, headers })

  it('GET /oauth/install and /oauth/callback: per IP, then 429 rate_limited with Retry-After', async () => {
    for (const url of ['/oauth/install', '/oauth/callback']) {
      for (let i = 0; i < LIMITS.installPerIp; i++) expect((await get(url)).statusCode).not.toBe(429)
      const res = await get(url)
      expect(res.statusCode).toBe(429)
      expect(res.json().error.code).toBe('rate_limited')
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
      // Another client's address has its own allowance.
      const other = await ctx.app.inject({ method: 'GET', url, remoteAddress: '203.0.113.9' })
      expect(other.statusCode).not.toBe(429)
    }
  })

  it('POST /api/session: per IP, before any lookup', async () => {
    const body = { idToken: 'junk', siteId: 'site-x' }
    for (let i = 0; i < LIMITS.sessionPerIp; i++) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/session', payload: body })
      expect(res.statusCode).toBe(401)
    }
    const res = await ctx.app.inject({ method: 'POST', url: '/api/session', payload: body })
    expect(res.statusCode).toBe(429)
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('the content API: per key; another key of the same site is not held back', async () => {
    await ctx.db.query(
      `insert into installations (id, token_ciphertext) values ('00000000-0000-4000-8000-000000000001', 'x');
       insert into sites (id, installation_id, display_name) values ('site-r', '00000000-0000-4000-8000-000000000001', 'R')`,
    )
    const a = await contentClient(ctx, 'site-r')
    const b = await contentClient(ctx, 'site-r')
    const statuses = await Promise.all(
      Array.from({ length: LIMITS.contentPerKey + 5 }, () =>
        a.call('GET', '/collections').then((r) => r.statusCode),
      ),
    )
    expect(statuses.filter((s) => s === 200)).toHaveLength(LIMITS.contentPerKey)
    expect(statuses.filter((s) => s === 429)).toHaveLength(5)
    expect((await b.call('GET', '/collections')).statusCode).toBe(200)
  })
})
