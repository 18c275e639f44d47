import { describe, expect, it } from 'vitest'
import { createTestContext } from '../helpers/test-context'

describe('content API keys', async () => {
  const ctx = await createTestContext()
  const admin = { authorization: `Bearer ${ctx.config.adminToken}` }

  async function createKey(siteId: string, name = 'CMS') {
    return ctx.app.inject({
      method: 'POST',
      url: `/admin/api/sites/${siteId}/api-keys`,
      headers: admin,
      payload: { name },
    })
  }
  const listCollections = (authorization?: string) =>
    ctx.app.inject({ url: '/api/v1/collections', headers: authorization ? { authorization } : {} })

  it('creates a key shown once, stores only its hash, and lists it without the key', async () => {
    const res = await createKey('site-a', 'Inbind')
    expect(res.statusCode).toBe(201)
    const created = res.json()
    expect(created.key).toMatch(/^bdy_[0-9A-Za-z]{32}$/)
    expect(created.prefix).toBe(created.key.slice(0, 12))
    const { rows } = await ctx.db.query('select key_hash from api_keys where id = $1', [created.id])
    expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(rows)).not.toContain(created.key)

    const list = await ctx.app.inject({ url: '/admin/api/sites/site-a/api-keys', headers: admin })
    expect(list.statusCode).toBe(200)
    expect(list.json().apiKeys).toEqual([
      expect.objectContaining({ id: created.id, name: 'Inbind', prefix: created.prefix, revokedAt: null }),
    ])
    expect(list.body).not.toContain(created.key)
    expect(list.body).not.toContain(rows[0].key_hash)
  })

  it('requires the admin token for key management', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/admin/api/sites/site-a/api-keys',
      headers: { authorization: 'Bearer wrong' },
      payload: { name: 'x' },
    })
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('unauthorized')
  })

  it('rejects unknown keys in the create body', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/admin/api/sites/site-a/api-keys',
      headers: admin,
      payload: { name: 'x', scope: 'all' },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('validation_error')
  })

  it('authenticates content requests and records last use', async () => {
    const { key, id } = (await createKey('site-a')).json()
    const res = await listCollections(`Bearer ${key}`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ collections: [] })
    const { rows } = await ctx.db.query('select last_used_at from api_keys where id = $1', [id])
    expect(rows[0].last_used_at).toBeInstanceOf(Date)
  })

  it.each([
    ['no header', undefined],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a malformed key', 'Bearer nope'],
    ['an unknown key', `Bearer bdy_${'A'.repeat(32)}`],
  ])('answers 401 for %s', async (_name, authorization) => {
    const res = await listCollections(authorization)
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('unauthorized')
  })

  it('revokes a key: it answers 401 at once, and the list shows when', async () => {
    const { key, id } = (await createKey('site-b')).json()
    expect((await listCollections(`Bearer ${key}`)).statusCode).toBe(200)
    const del = await ctx.app.inject({ method: 'DELETE', url: `/admin/api/api-keys/${id}`, headers: admin })
    expect(del.statusCode).toBe(204)
    const res = await listCollections(`Bearer ${key}`)
    expect(res.statusCode).toBe(401)
    expect(res.json().error).toEqual({ code: 'unauthorized', message: 'this API key was revoked' })
    const list = await ctx.app.inject({ url: '/admin/api/sites/site-b/api-keys', headers: admin })
    expect(list.json().apiKeys[0].revokedAt).toEqual(expect.any(String))
  })

  it('answers 404 when revoking a key that does not exist', async () => {
    const res = await ctx.app.inject({
      method: 'DELETE',
      url: '/admin/api/api-keys/5a0c5c36-3f7c-4b43-9a4d-0e1e2c3b4a59',
      headers: admin,
    })
    expect(res.statusCode).toBe(404)
  })
})
