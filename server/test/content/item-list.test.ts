import { describe, expect, it } from 'vitest'
import { createTestContext } from '../helpers/test-context'
import { contentClient } from './content-client'

type Page = {
  items: { id: string; slug: string; version: number; updatedAt: string; status: string }[]
  nextCursor: string | null
}

describe('content API: listing items', async () => {
  const ctx = await createTestContext()
  const a = await contentClient(ctx, 'site-a')
  const list = async (collection: string, query: string) => {
    const res = await a.call('GET', `/collections/${collection}/items?${query}`)
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as Page
  }
  async function seed(slug: string, n: number) {
    const id = await a.createCollection(slug, [{ slug: 'n', name: 'N', type: 'number' }])
    const res = await a.call('POST', `/collections/${id}/items/bulk`, {
      items: Array.from({ length: n }, (_, i) => ({ slug: `i-${i}`, name: `Item ${i}`, fields: { n: i } })),
    })
    expect(res.statusCode, res.body).toBe(200)
    return { id, ids: res.json().items.map((i: { id: string }) => i.id) as string[] }
  }

  it('walks every item exactly once in (updatedAt, id) order; items updated ahead of the cursor come later', async () => {
    const { id, ids } = await seed('walk', 25)
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const page: Page = await list(id, `limit=7${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...page.items.map((i) => i.id))
      // While walking, edit an item not seen yet: it moves behind the cursor's end, not out of the walk.
      const ahead = ids.find((x) => !seen.includes(x))
      if (ahead) {
        const res = await a.call('PATCH', `/collections/${id}/items/${ahead}`, {
          fields: { n: 1000 + pages },
        })
        expect(res.statusCode).toBe(200)
      }
      cursor = page.nextCursor
      pages++
    } while (cursor && pages < 50)
    expect(seen.length).toBe(ids.length)
    expect(new Set(seen)).toEqual(new Set(ids))
  })

  it('uses the (collection_id, updated_at, id) index', async () => {
    const { id } = await seed('planned', 5)
    await ctx.db.query('analyze hub_items')
    const tx = await ctx.db.connect()
    try {
      await tx.query('set enable_seqscan = off')
      const { rows } = await tx.query(
        `explain select * from hub_items where collection_id = $1 and deleted_at is null
         and (updated_at, id) > (now() - interval '1 day', '00000000-0000-0000-0000-000000000000'::uuid)
         order by updated_at, id limit 51`,
        [id],
      )
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('hub_items_collection_updated_idx')
    } finally {
      tx.release()
    }
  })

  it('filters by status and updatedSince', async () => {
    const { id, ids } = await seed('filters', 6)
    await a.call('POST', `/collections/${id}/items/${ids[0]}/publish`)
    await a.call('POST', `/collections/${id}/items/${ids[1]}/publish`)
    await a.call('POST', `/collections/${id}/items/${ids[2]}/archive`)
    const published = await list(id, 'status=published')
    expect(published.items.map((i) => i.id).sort()).toEqual([ids[0], ids[1]].sort())
    expect((await list(id, 'status=archived')).items.map((i) => i.id)).toEqual([ids[2]])

    const all = await list(id, 'limit=100')
    const since = all.items.find((i) => i.id === ids[2])!.updatedAt
    const recent = await list(id, `updatedSince=${encodeURIComponent(since)}`)
    expect(recent.items.map((i) => i.id)).toContain(ids[2])
    expect(recent.items.map((i) => i.id)).not.toContain(ids[5])
    const future = await list(
      id,
      `updatedSince=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    )
    expect(future).toEqual({ items: [], nextCursor: null })
  })

  it.each([
    ['limit=0'],
    ['limit=101'],
    ['status=gone'],
    ['updatedSince=yesterday'],
    ['cursor=bm90LWEtY3Vyc29y'],
    ['cursor=%%%'],
    ['includeDeleted=maybe'],
    ['foo=bar'],
  ])('rejects %s with 400', async (query) => {
    const { id } = await seed(`bad-${Math.random().toString(36).slice(2, 8)}`, 1)
    const res = await a.call('GET', `/collections/${id}/items?${query}`)
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('validation_error')
  })
})
