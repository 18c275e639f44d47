import { describe, expect, it } from 'vitest'
import { createTestContext } from '../helpers/test-context'
import { contentClient, insertLink } from './content-client'

describe('content API: collections', async () => {
  const ctx = await createTestContext()
  const a = await contentClient(ctx, 'site-a')
  const b = await contentClient(ctx, 'site-b')

  it('creates a collection with a schema, then gets and lists it', async () => {
    const authors = await a.createCollection('authors')
    const res = await a.call('POST', '/collections', {
      slug: 'posts',
      name: 'Posts',
      singularName: 'Post',
      fields: [
        { slug: 'body', name: 'Body', type: 'richText' },
        { slug: 'color', name: 'Color', type: 'select', options: ['red', 'blue'], required: true },
        { slug: 'author', name: 'Author', type: 'reference', referenceCollectionId: authors },
      ],
    })
    expect(res.statusCode).toBe(201)
    const created = res.json()
    expect(created).toMatchObject({ slug: 'posts', name: 'Posts', singularName: 'Post' })
    expect(created.fields).toEqual([
      { slug: 'body', name: 'Body', type: 'richText', required: false },
      { slug: 'color', name: 'Color', type: 'select', options: ['red', 'blue'], required: true },
      { slug: 'author', name: 'Author', type: 'reference', referenceCollectionId: authors, required: false },
    ])
    const got = await a.call('GET', `/collections/${created.id}`)
    expect(got.json()).toEqual(created)
    const list = (await a.call('GET', '/collections')).json().collections
    expect(list.map((c: { slug: string }) => c.slug)).toEqual(['authors', 'posts'])
  })

  it("answers 404 for another site's collection and never lists it", async () => {
    const id = await a.createCollection('private')
    expect((await b.call('GET', `/collections/${id}`)).statusCode).toBe(404)
    expect((await b.call('PATCH', `/collections/${id}`, { name: 'x' })).statusCode).toBe(404)
    expect((await b.call('DELETE', `/collections/${id}`)).statusCode).toBe(404)
    expect((await b.call('GET', `/collections/${id}/items`)).statusCode).toBe(404)
    expect((await b.call('GET', '/collections')).json().collections).toEqual([])
  })

  it('rejects a taken slug with 409', async () => {
    await a.createCollection('dupes')
    const res = await a.call('POST', '/collections', {
      slug: 'dupes',
      name: 'x',
      singularName: 'x',
      fields: [],
    })
    expect(res.statusCode).toBe(409)
    expect(res.json().error).toMatchObject({ code: 'conflict', details: { slug: 'dupes' } })
  })

  it.each([
    ['a select without options', [{ slug: 's', name: 'S', type: 'select' }], 'fields[0].options'],
    [
      'options on a text field',
      [{ slug: 't', name: 'T', type: 'text', options: ['a'] }],
      'fields[0].options',
    ],
    [
      'duplicate field slugs',
      [
        { slug: 'x', name: 'X', type: 'text' },
        { slug: 'x', name: 'X2', type: 'number' },
      ],
      'fields[1].slug',
    ],
    [
      'a reference without a collection',
      [{ slug: 'r', name: 'R', type: 'reference' }],
      'fields[0].referenceCollectionId',
    ],
    [
      'a reference to a missing collection',
      [
        {
          slug: 'r',
          name: 'R',
          type: 'reference',
          referenceCollectionId: '0b7f2a52-9f0e-4c38-8d8e-1f5c2a9f8a11',
        },
      ],
      'fields[0].referenceCollectionId',
    ],
    [
      'more than 58 fields',
      Array.from({ length: 59 }, (_, i) => ({ slug: `f${i}`, name: `F${i}`, type: 'text' })),
      'body.fields',
    ],
  ])('rejects %s with 400 and creates nothing', async (_name, fields, path) => {
    const res = await a.call('POST', '/collections', {
      slug: 'bad',
      name: 'Bad',
      singularName: 'Bad',
      fields,
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('validation_error')
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path)
    const { rowCount } = await ctx.db.query(`select 1 from hub_collections where slug = 'bad'`)
    expect(rowCount).toBe(0)
  })

  it("rejects a reference to another site's collection", async () => {
    const other = await b.createCollection('theirs')
    const res = await a.call('POST', '/collections', {
      slug: 'mine',
      name: 'Mine',
      singularName: 'Mine',
      fields: [{ slug: 'r', name: 'R', type: 'reference', referenceCollectionId: other }],
    })
    expect(res.statusCode).toBe(400)
  })

  it('rejects unknown body keys', async () => {
    const res = await a.call('POST', '/collections', {
      slug: 'k',
      name: 'K',
      singularName: 'K',
      fields: [],
      x: 1,
    })
    expect(res.statusCode).toBe(400)
  })

  it('updates names and fields; removing a field removes its values from items', async () => {
    const id = await a.createCollection('things', [
      { slug: 'note', name: 'Note', type: 'text' },
      { slug: 'kind', name: 'Kind', type: 'select', options: ['a', 'b'] },
    ])
    const item = await a.call('POST', `/collections/${id}/items`, {
      slug: 'one',
      name: 'One',
      fields: { note: 'hello', kind: 'a' },
    })
    expect(item.statusCode).toBe(201)
    const res = await a.call('PATCH', `/collections/${id}`, {
      name: 'Things!',
      removeFields: ['note'],
      updateFields: [{ slug: 'kind', name: 'Kind of thing', options: ['a', 'b', 'c'], required: true }],
      addFields: [{ slug: 'size', name: 'Size', type: 'number' }],
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      name: 'Things!',
      fields: [
        { slug: 'kind', name: 'Kind of thing', type: 'select', options: ['a', 'b', 'c'], required: true },
        { slug: 'size', name: 'Size', type: 'number', required: false },
      ],
    })
    const after = (await a.call('GET', `/collections/${id}/items/${item.json().id}`)).json()
    expect(after.fields).toEqual({ kind: 'a' })
    expect(after.version).toBe(2)
  })

  it('rejects a type change, an unknown field and dropping an option in use', async () => {
    const id = await a.createCollection('typed', [
      { slug: 'kind', name: 'Kind', type: 'select', options: ['a', 'b'] },
    ])
    await a.call('POST', `/collections/${id}/items`, { slug: 'x', name: 'X', fields: { kind: 'a' } })
    const typeChange = await a.call('PATCH', `/collections/${id}`, {
      updateFields: [{ slug: 'kind', type: 'text' }],
    })
    expect(typeChange.statusCode).toBe(400)
    expect(typeChange.json().error.details[0].message).toContain('remove the field and add it again')
    const unknown = await a.call('PATCH', `/collections/${id}`, { removeFields: ['nope'] })
    expect(unknown.statusCode).toBe(400)
    const inUse = await a.call('PATCH', `/collections/${id}`, {
      updateFields: [{ slug: 'kind', options: ['b'] }],
    })
    expect(inUse.statusCode).toBe(409)
    const unchanged = (await a.call('GET', `/collections/${id}`)).json()
    expect(unchanged.fields[0].options).toEqual(['a', 'b'])
  })

  it('refuses to delete a linked collection until the link is disconnected, then soft-deletes it', async () => {
    const id = await a.createCollection('linked')
    const linkId = await insertLink(ctx, 'site-a', id, 'wf-linked')
    const refused = await a.call('DELETE', `/collections/${id}`)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.message).toContain('disconnect it first')
    await ctx.db.query('update links set disconnected_at = now() where id = $1', [linkId])
    expect((await a.call('DELETE', `/collections/${id}`)).statusCode).toBe(204)
    expect((await a.call('GET', `/collections/${id}`)).statusCode).toBe(404)
    const { rows } = await ctx.db.query('select deleted_at from hub_collections where id = $1', [id])
    expect(rows[0].deleted_at).toBeInstanceOf(Date)
    const audit = await ctx.db.query(
      `select action from audit_log where subject_id = $1 and direction = 'content' order by id`,
      [id],
    )
    expect(audit.rows.map((r) => r.action)).toEqual(['collection.create', 'collection.delete'])
  })
})
