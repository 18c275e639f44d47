import { describe, expect, it } from 'vitest'
import { createTestContext } from '../helpers/test-context'
import { contentClient } from './content-client'

describe('content API: locale versions', async () => {
  const ctx = await createTestContext()
  const a = await contentClient(ctx, 'site-a')
  const cid = await a.createCollection('pages', [
    { slug: 'body', name: 'Body', type: 'text' },
    { slug: 'cover', name: 'Cover', type: 'image' },
  ])
  const items = `/collections/${cid}/items`
  const cover = { url: 'https://example.com/a.png', alt: 'A' }

  it('enables locales and lists them; an unknown tag or a malformed one is a 400', async () => {
    const res = await a.call('POST', `/collections/${cid}/locales`, { locales: ['fr-FR', 'de-DE'] })
    expect(res.statusCode, res.body).toBe(200)
    // No Webflow locale known for this site yet: listed, not mapped.
    expect(res.json()).toEqual({
      primary: null,
      locales: [
        { tag: 'de-DE', webflow: null },
        { tag: 'fr-FR', webflow: null },
      ],
    })
    const bad = await a.call('POST', `/collections/${cid}/locales`, { locales: ['not a tag'] })
    expect(bad.statusCode).toBe(400)
    expect((await a.call('GET', `${items}?locale=it-IT`)).statusCode).toBe(400)
  })

  it('creates an item with a French version; German falls back to the primary content', async () => {
    const res = await a.call('POST', items, {
      slug: 'home',
      name: 'Home',
      fields: { body: 'Welcome', cover },
      locales: { 'fr-FR': { slug: 'accueil', name: 'Accueil', fields: { body: 'Bienvenue' } } },
    })
    expect(res.statusCode, res.body).toBe(201)
    const id = res.json().id
    const fr = (await a.call('GET', `${items}/${id}?locale=fr-FR`)).json()
    expect(fr).toMatchObject({
      name: 'Accueil',
      slug: 'accueil',
      fields: { body: 'Bienvenue', cover },
      locale: { tag: 'fr-FR', version: 1, fallback: false },
    })
    const de = (await a.call('GET', `${items}/${id}?locale=de-DE`)).json()
    expect(de).toMatchObject({
      name: 'Home',
      fields: { body: 'Welcome' },
      locale: { fallback: true, version: 0 },
    })
    const primary = (await a.call('GET', `${items}/${id}`)).json()
    expect(primary.name).toBe('Home')
    expect(primary.locale).toBeUndefined()
  })

  it('patches one locale only, guarded by its own version; images stay shared', async () => {
    const id = (await a.call('GET', `${items}?limit=1`)).json().items[0].id
    const patch = (body: object, headers: Record<string, string> = {}) =>
      a.call('PATCH', `${items}/${id}?locale=fr-FR`, body, headers)
    const ok = await patch({ fields: { body: 'Salut' }, version: 1 })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({ fields: { body: 'Salut' }, locale: { version: 2 } })
    expect(ok.headers.etag).toBe('"2"')
    expect((await patch({ fields: { body: 'x' }, version: 1 })).statusCode).toBe(409)
    const shared = await patch({ fields: { cover } })
    expect(shared.statusCode).toBe(400)
    expect(shared.json().error.details[0].path).toBe('fields.cover')
    expect((await a.call('GET', `${items}/${id}`)).json().fields.body).toBe('Welcome')
    // A first German write starts from the primary content.
    const de = await a.call('PATCH', `${items}/${id}?locale=de-DE`, { name: 'Startseite' })
    expect(de.json()).toMatchObject({ name: 'Startseite', slug: 'home', fields: { body: 'Welcome' } })
  })

  it('lists a locale, and updatedSince covers locale edits', async () => {
    const before = new Date().toISOString()
    const list = (q: string) => a.call('GET', `${items}?${q}`).then((r) => r.json().items)
    expect(await list(`updatedSince=${encodeURIComponent(before)}`)).toHaveLength(0)
    const id = (await list('limit=1'))[0].id
    await a.call('PATCH', `${items}/${id}?locale=fr-FR`, { name: 'Accueil !' })
    const since = await list(`updatedSince=${encodeURIComponent(before)}&locale=fr-FR`)
    expect(since.map((i: { name: string }) => i.name)).toEqual(['Accueil !'])
  })

  it('bulk upsert writes locale versions and rejects a disabled locale, writing nothing', async () => {
    const res = await a.call('POST', `${items}/bulk`, {
      items: [
        { slug: 'about', name: 'About', locales: { 'de-DE': { slug: 'ueber', name: 'Über uns' } } },
        { slug: 'blog', name: 'Blog' },
      ],
    })
    expect(res.statusCode, res.body).toBe(200)
    const about = res.json().items[0].id
    expect((await a.call('GET', `${items}/${about}?locale=de-DE`)).json().name).toBe('Über uns')
    const bad = await a.call('POST', `${items}/bulk`, {
      items: [{ slug: 'x', name: 'X', locales: { 'it-IT': { slug: 'x', name: 'X' } } }],
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.details[0].path).toBe('items[0].locales.it-IT')
    expect(
      (await a.call('GET', `${items}?limit=100`)).json().items.some((i: { slug: string }) => i.slug === 'x'),
    ).toBe(false)
  })

  it('disabling a locale drops its versions', async () => {
    expect((await a.call('DELETE', `/collections/${cid}/locales/de-DE`)).statusCode).toBe(204)
    const locales = (await a.call('GET', `/collections/${cid}/locales`)).json().locales
    expect(locales.map((l: { tag: string }) => l.tag)).toEqual(['fr-FR'])
    const { rows } = await ctx.db.query(`select count(*)::int as n from hub_item_locales where tag = 'de-DE'`)
    expect(rows[0].n).toBe(0)
  })
})
