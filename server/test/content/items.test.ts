import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createTestContext } from '../helpers/test-context'
import { contentClient } from './content-client'

describe('content API: items', async () => {
  const ctx = await createTestContext()
  const a = await contentClient(ctx, 'site-a')
  const b = await contentClient(ctx, 'site-b')
  const authors = await a.createCollection('authors')
  const posts = await a.createCollection('posts', [
    { slug: 'title', name: 'Title', type: 'text', required: true },
    { slug: 'body', name: 'Body', type: 'richText' },
    { slug: 'views', name: 'Views', type: 'number' },
    { slug: 'day', name: 'Day', type: 'date' },
    { slug: 'featured', name: 'Featured', type: 'boolean' },
    { slug: 'site', name: 'Site', type: 'link' },
    { slug: 'mail', name: 'Mail', type: 'email' },
    { slug: 'tone', name: 'Tone', type: 'color' },
    { slug: 'kind', name: 'Kind', type: 'select', options: ['news', 'blog'] },
    { slug: 'author', name: 'Author', type: 'reference', referenceCollectionId: authors },
    { slug: 'coauthors', name: 'Coauthors', type: 'multiReference', referenceCollectionId: authors },
    { slug: 'cover', name: 'Cover', type: 'image' },
  ])
  const items = (c = posts) => `/collections/${c}/items`
  const author = (await a.call('POST', items(authors), { slug: 'ada', name: 'Ada' })).json().id as string

  async function create(slug: string, fields: Record<string, unknown> = {}, status?: string) {
    const res = await a.call('POST', items(), {
      slug,
      name: slug,
      fields: { title: slug, ...fields },
      status,
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json()
  }
  const auditCount = async (id: string) =>
    (await ctx.db.query(`select 1 from audit_log where subject_id = $1 and direction = 'content'`, [id]))
      .rowCount

  it('creates an item with every kind of value and reads it back with an ETag', async () => {
    const fields = {
      title: 'Hello',
      body: '<p>Hi</p>',
      views: 3,
      day: '2024-05-01T10:00:00Z',
      featured: true,
      site: 'https://example.com',
      mail: 'a@example.com',
      tone: '#ff0000',
      kind: 'news',
      author,
      coauthors: [author],
      cover: { url: 'https://cdn.example.com/a.png', alt: 'A' },
    }
    const res = await a.call('POST', items(), { slug: 'hello', name: 'Hello', fields })
    expect(res.statusCode).toBe(201)
    const item = res.json()
    expect(item).toMatchObject({
      collectionId: posts,
      slug: 'hello',
      status: 'draft',
      version: 1,
      fields,
      deletedAt: null,
    })
    const got = await a.call('GET', `${items()}/${item.id}`)
    expect(got.statusCode).toBe(200)
    expect(got.headers.etag).toBe('"1"')
    expect(got.json()).toEqual(item)
    expect(await auditCount(item.id)).toBe(1)
  })

  it.each([
    ['views', 'three'],
    ['day', 'yesterday'],
    ['featured', 'yes'],
    ['site', 'not a url'],
    ['mail', 'nope'],
    ['tone', 'url(javascript:x)'],
    ['kind', 'poetry'],
    ['author', 'not-a-uuid'],
    ['coauthors', 'x'],
    ['cover', { url: 'ftp://x' }],
    ['title', 42],
  ])('rejects a bad %s value with 400 naming the field, and writes nothing', async (slug, value) => {
    const res = await a.call('POST', items(), {
      slug: `bad-${slug}`,
      name: 'x',
      fields: { title: 't', [slug]: value },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details).toEqual([{ path: `fields.${slug}`, message: expect.any(String) }])
    const { rowCount } = await ctx.db.query('select 1 from hub_items where slug = $1', [`bad-${slug}`])
    expect(rowCount).toBe(0)
  })

  it('rejects an unknown field, a missing required field, a dangling reference and unknown body keys', async () => {
    const unknown = await a.call('POST', items(), { slug: 'u', name: 'u', fields: { title: 't', nope: 1 } })
    expect(unknown.json().error.details).toEqual([{ path: 'fields.nope', message: 'unknown field "nope"' }])
    const missing = await a.call('POST', items(), { slug: 'm', name: 'm', fields: {} })
    expect(missing.json().error.details).toEqual([{ path: 'fields.title', message: '"title" is required' }])
    const dangling = await a.call('POST', items(), {
      slug: 'd',
      name: 'd',
      fields: { title: 't', coauthors: [author, randomUUID()] },
    })
    expect(dangling.statusCode).toBe(400)
    expect(dangling.json().error.details[0].path).toBe('fields.coauthors')
    const extra = await a.call('POST', items(), { slug: 'e', name: 'e', fields: { title: 't' }, extra: true })
    expect(extra.statusCode).toBe(400)
    const badSlug = await a.call('POST', items(), { slug: 'Not A Slug', name: 'e', fields: { title: 't' } })
    expect(badSlug.statusCode).toBe(400)
  })

  it('rejects a reference to an item of another collection', async () => {
    const post = await create('not-an-author')
    const res = await a.call('POST', items(), {
      slug: 'r',
      name: 'r',
      fields: { title: 't', author: post.id },
    })
    expect(res.statusCode).toBe(400)
  })

  it('rejects a duplicate slug with 409 naming it', async () => {
    await create('taken')
    const res = await a.call('POST', items(), { slug: 'taken', name: 'x', fields: { title: 't' } })
    expect(res.statusCode).toBe(409)
    expect(res.json().error).toMatchObject({ code: 'conflict', details: { slug: 'taken' } })
    const rename = await a.call('PATCH', `${items()}/${(await create('other')).id}`, { slug: 'taken' })
    expect(rename.statusCode).toBe(409)
  })

  it('sanitises rich text on create and update', async () => {
    const item = await create('xss', {
      body: '<p onclick="x()">ok<script>alert(1)</script></p><a href="javascript:x">l</a>',
    })
    expect(item.fields.body).toBe('<p>ok</p><a>l</a>')
    const res = await a.call('PATCH', `${items()}/${item.id}`, {
      fields: { body: '<img src="x" onerror="alert(1)">' },
    })
    expect(res.json().fields.body).toBe('<img src="x" />')
  })

  it('patches partially: fields merge per key, null clears, and the version goes up', async () => {
    const item = await create('patchy', { views: 1, kind: 'blog' })
    const res = await a.call('PATCH', `${items()}/${item.id}`, {
      name: 'Patchy',
      fields: { views: 2, kind: null },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ name: 'Patchy', version: 2, fields: { title: 'patchy', views: 2 } })
    expect(res.json().fields).not.toHaveProperty('kind')
    expect(res.headers.etag).toBe('"2"')
    const cleared = await a.call('PATCH', `${items()}/${item.id}`, { fields: { title: null } })
    expect(cleared.statusCode).toBe(400)
  })

  it('answers 409 with the current version for a stale version in the body or If-Match, changing nothing', async () => {
    const item = await create('racy')
    expect((await a.call('PATCH', `${items()}/${item.id}`, { version: 1, name: 'v2' })).json().version).toBe(
      2,
    )
    const stale = await a.call('PATCH', `${items()}/${item.id}`, { version: 1, name: 'lost' })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().error).toMatchObject({ code: 'version_conflict', details: { currentVersion: 2 } })
    const staleHeader = await a.call(
      'PATCH',
      `${items()}/${item.id}`,
      { name: 'lost' },
      { 'if-match': '"1"' },
    )
    expect(staleHeader.statusCode).toBe(409)
    const stalePublish = await a.call('POST', `${items()}/${item.id}/publish`, { version: 1 })
    expect(stalePublish.statusCode).toBe(409)
    const staleDelete = await a.call('DELETE', `${items()}/${item.id}`, undefined, { 'if-match': '"1"' })
    expect(staleDelete.statusCode).toBe(409)
    const now = (await a.call('GET', `${items()}/${item.id}`)).json()
    expect(now).toMatchObject({ name: 'v2', version: 2, status: 'draft', deletedAt: null })
    const fresh = await a.call('PATCH', `${items()}/${item.id}`, { name: 'v3' }, { 'if-match': '"2"' })
    expect(fresh.json().version).toBe(3)
    const weak = await a.call('PATCH', `${items()}/${item.id}`, { name: 'v4' }, { 'if-match': 'W/"3"' })
    expect(weak.json().version).toBe(4)
  })

  it('keeps the version and writes no audit row when a write changes nothing', async () => {
    const item = await create('same', { views: 5 })
    const res = await a.call('PATCH', `${items()}/${item.id}`, { name: 'same', fields: { views: 5 } })
    expect(res.json().version).toBe(1)
    expect(await auditCount(item.id)).toBe(1)
  })

  it('publishes, unpublishes and archives', async () => {
    const item = await create('states')
    const published = await a.call('POST', `${items()}/${item.id}/publish`)
    expect(published.json()).toMatchObject({ status: 'published', version: 2 })
    const again = await a.call('POST', `${items()}/${item.id}/publish`, {})
    expect(again.json()).toMatchObject({ status: 'published', version: 2 })
    expect((await a.call('POST', `${items()}/${item.id}/unpublish`)).json().status).toBe('draft')
    expect((await a.call('POST', `${items()}/${item.id}/archive`, { version: 3 })).json().status).toBe(
      'archived',
    )
    const { rows } = await ctx.db.query(
      `select action from audit_log where subject_id = $1 and direction = 'content' order by id`,
      [item.id],
    )
    expect(rows.map((r) => r.action)).toEqual([
      'item.create',
      'item.publish',
      'item.unpublish',
      'item.archive',
    ])
  })

  it('soft-deletes: 204, then 404, and a tombstone in lists with includeDeleted', async () => {
    const item = await create('doomed')
    expect((await a.call('DELETE', `${items()}/${item.id}`)).statusCode).toBe(204)
    expect((await a.call('GET', `${items()}/${item.id}`)).statusCode).toBe(404)
    expect((await a.call('DELETE', `${items()}/${item.id}`)).statusCode).toBe(404)
    const live = (await a.call('GET', `${items()}?limit=100`)).json().items.map((i: { id: string }) => i.id)
    expect(live).not.toContain(item.id)
    const all = (await a.call('GET', `${items()}?limit=100&includeDeleted=true`)).json().items
    expect(all.find((i: { id: string }) => i.id === item.id).deletedAt).toEqual(expect.any(String))
    // The slug is free again.
    await create('doomed')
  })

  it("answers 404 for another site's items and unknown ids", async () => {
    const item = await create('mine')
    expect((await b.call('GET', `${items()}/${item.id}`)).statusCode).toBe(404)
    expect((await b.call('PATCH', `${items()}/${item.id}`, { name: 'x' })).statusCode).toBe(404)
    expect((await b.call('POST', items(), { slug: 'x', name: 'x', fields: {} })).statusCode).toBe(404)
    expect((await a.call('GET', `${items()}/${randomUUID()}`)).statusCode).toBe(404)
    expect((await a.call('GET', `${items(authors)}/${item.id}`)).statusCode).toBe(404)
    expect((await a.call('GET', `${items()}/nope`)).statusCode).toBe(400)
  })
})
