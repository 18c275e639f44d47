import { describe, expect, it } from 'vitest'
import { createTestContext } from '../helpers/test-context'
import { contentClient } from './content-client'

describe('content API: bulk upsert', async () => {
  const ctx = await createTestContext()
  const a = await contentClient(ctx, 'site-a')
  const fields = [
    { slug: 'title', name: 'Title', type: 'text' as const, required: true },
    { slug: 'body', name: 'Body', type: 'richText' as const },
    { slug: 'kind', name: 'Kind', type: 'select' as const, options: ['a', 'b'] },
  ]
  const bulk = (collection: string, items: unknown[]) =>
    a.call('POST', `/collections/${collection}/items/bulk`, { items })
  const count = async (collection: string) =>
    (await ctx.db.query('select count(*)::int as n from hub_items where collection_id = $1', [collection]))
      .rows[0].n

  it('creates, updates and leaves unchanged items by slug, answering in request order', async () => {
    const id = await a.createCollection('upserts', fields)
    const first = await bulk(id, [
      { slug: 'one', name: 'One', fields: { title: 'One', kind: 'a' } },
      { slug: 'two', name: 'Two', status: 'published', fields: { title: 'Two' } },
    ])
    expect(first.statusCode).toBe(200)
    expect(first.json()).toMatchObject({ created: 2, updated: 0, unchanged: 0 })
    const [one, two] = first.json().items
    const second = await bulk(id, [
      { slug: 'three', name: 'Three', fields: { title: 'Three', body: '<p>x<script>y</script></p>' } },
      { slug: 'two', name: 'Two', fields: { title: 'Two' } },
      { slug: 'one', name: 'One!', fields: { title: 'One' } },
    ])
    expect(second.json()).toMatchObject({
      created: 1,
      updated: 1,
      unchanged: 1,
      items: [
        { slug: 'three', version: 1 },
        { slug: 'two', id: two.id, version: 1 },
        { slug: 'one', id: one.id, version: 2 },
      ],
    })
    const got = (await a.call('GET', `/collections/${id}/items/${one.id}`)).json()
    // The batch is each item's whole content: `kind`, left out, is cleared.
    expect(got).toMatchObject({ name: 'One!', fields: { title: 'One' }, status: 'draft' })
    const twoNow = (await a.call('GET', `/collections/${id}/items/${two.id}`)).json()
    expect(twoNow.status).toBe('published')
    const three = (await a.call('GET', `/collections/${id}/items/${second.json().items[0].id}`)).json()
    expect(three.fields.body).toBe('<p>x</p>')
    const audit = await ctx.db.query(
      `select action from audit_log where direction = 'content' and subject_type = 'hub_item'
       and subject_id = any($1::text[]) order by id`,
      [[one.id, two.id]],
    )
    expect(audit.rows.map((r) => r.action)).toEqual(['item.create', 'item.create', 'item.update'])
  })

  it('writes nothing and names every bad item when one is invalid', async () => {
    const id = await a.createCollection('atomic', fields)
    const items = Array.from({ length: 10 }, (_, i) => ({
      slug: `ok-${i}`,
      name: `${i}`,
      fields: { title: `${i}` },
    }))
    items[3] = { slug: 'bad-3', name: 'x', fields: { title: 'x', kind: 'c' } } as never
    items[7] = { slug: 'bad-7', name: 'x', fields: { nope: 1 } } as never
    const res = await bulk(id, items)
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details).toEqual([
      { path: 'items[3].fields.kind', message: expect.any(String) },
      { path: 'items[7].fields.nope', message: 'unknown field "nope"' },
      { path: 'items[7].fields.title', message: '"title" is required' },
    ])
    expect(await count(id)).toBe(0)
  })

  it('rejects duplicate slugs within a batch', async () => {
    const id = await a.createCollection('dupes', fields)
    const res = await bulk(id, [
      { slug: 'x', name: 'x', fields: { title: 'x' } },
      { slug: 'x', name: 'y', fields: { title: 'y' } },
    ])
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details[0].path).toBe('items[1].slug')
    expect(await count(id)).toBe(0)
  })

  it('rejects an empty batch, more than 1,000 items and unknown keys', async () => {
    const id = await a.createCollection('limits', fields)
    expect((await bulk(id, [])).statusCode).toBe(400)
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({
      slug: `s-${i}`,
      name: 'x',
      fields: { title: 'x' },
    }))
    expect((await bulk(id, tooMany)).statusCode).toBe(400)
    expect((await bulk(id, [{ slug: 's', name: 'x', fields: { title: 'x' }, id: 'x' }])).statusCode).toBe(400)
    expect(await count(id)).toBe(0)
  })

  it('upserts 1,000 items well under a second, and again as unchanged', async () => {
    const id = await a.createCollection('big', fields)
    const items = Array.from({ length: 1000 }, (_, i) => ({
      slug: `item-${i}`,
      name: `Item ${i}`,
      fields: { title: `Title ${i}`, body: `<p>Body <strong>${i}</strong></p>`, kind: i % 2 ? 'a' : 'b' },
    }))
    let started = performance.now()
    const res = await bulk(id, items)
    const createMs = performance.now() - started
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ created: 1000, updated: 0, unchanged: 0 })
    started = performance.now()
    const again = await bulk(id, items)
    const unchangedMs = performance.now() - started
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 1000 })
    expect(await count(id)).toBe(1000)
    expect(createMs).toBeLessThan(1000)
    expect(unchangedMs).toBeLessThan(1000)
  })
})
