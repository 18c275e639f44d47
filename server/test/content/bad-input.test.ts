import { describe, expect, it } from 'vitest'
import { createTestContext } from '../helpers/test-context'
import { contentClient } from './content-client'

/** Inputs that pass a naive schema but would fail in Postgres: each must be a 400, never a 5xx. */
describe('content API: bad input is a 400, never a 5xx', async () => {
  const ctx = await createTestContext()
  const a = await contentClient(ctx, 'site-a')
  const id = await a.createCollection('edge', [{ slug: 'note', name: 'Note', type: 'text' }])
  const cursor = (t: string) =>
    Buffer.from(JSON.stringify({ t, id: '5a0c5c36-3f7c-4b43-9a4d-0e1e2c3b4a59' })).toString('base64url')

  it.each([
    ['a NUL character in a name', 'POST', `/collections/${id}/items`, { slug: 'n', name: 'a\u0000b' }],
    [
      'a NUL character in a field value',
      'POST',
      `/collections/${id}/items`,
      { slug: 'n', name: 'n', fields: { note: '\u0000' } },
    ],
    [
      'a NUL character in a collection name',
      'POST',
      '/collections',
      { slug: 'c', name: '\u0000', singularName: 'c' },
    ],
    [
      'a year Postgres cannot store',
      'GET',
      `/collections/${id}/items?updatedSince=0000-01-01T00:00:00Z`,
      undefined,
    ],
    ['a tampered cursor', 'GET', `/collections/${id}/items?cursor=${cursor('1 2')}`, undefined],
    [
      'a cursor with an impossible date',
      'GET',
      `/collections/${id}/items?cursor=${cursor('2024-13-45 99:00:00+00')}`,
      undefined,
    ],
    ['a JSON null body', 'POST', `/collections/${id}/items`, null],
    ['an array body', 'POST', `/collections/${id}/items/bulk`, [1, 2]],
  ] as const)('%s', async (_name, method, url, payload) => {
    const res = await a.call(
      method,
      url,
      payload ?? undefined,
      payload === null ? { 'content-type': 'application/json' } : {},
    )
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().error.code).toBe('validation_error')
  })
})
