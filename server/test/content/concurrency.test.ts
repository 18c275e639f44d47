import { describe, expect, it } from 'vitest'
import { createTestContext } from '../helpers/test-context'
import { contentClient } from './content-client'

describe('content API: concurrent writers', async () => {
  const ctx = await createTestContext()
  const a = await contentClient(ctx, 'site-a')
  const id = await a.createCollection('racy', [{ slug: 'n', name: 'N', type: 'number' }])
  const items = `/collections/${id}/items`

  it('lets exactly one of two writers holding the same version win', async () => {
    const item = (await a.call('POST', items, { slug: 'x', name: 'X' })).json()
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) => a.call('PATCH', `${items}/${item.id}`, { version: 1, fields: { n } })),
    )
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409])
    expect((await a.call('GET', `${items}/${item.id}`)).json().version).toBe(2)
  })

  it('answers 409, never 500, when creates of one slug race', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => a.call('POST', items, { slug: 'same', name: 'Same' })),
    )
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409])
  })

  it('answers 409, never 500, when bulk upserts of new slugs race', async () => {
    const batch = { items: Array.from({ length: 50 }, (_, i) => ({ slug: `b-${i}`, name: `${i}` })) }
    const results = await Promise.all([1, 2, 3].map(() => a.call('POST', `${items}/bulk`, batch)))
    for (const r of results) expect([200, 409]).toContain(r.statusCode)
    const { rows } = await ctx.db.query(
      `select count(*)::int as n from hub_items where collection_id = $1 and slug like 'b-%'`,
      [id],
    )
    expect(rows[0].n).toBe(50)
  })

  it('answers 409, never 500, when creates of one collection slug race', async () => {
    const body = { slug: 'twin', name: 'Twin', singularName: 'Twin', fields: [] }
    const results = await Promise.all([1, 2, 3].map(() => a.call('POST', '/collections', body)))
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409])
  })
})
