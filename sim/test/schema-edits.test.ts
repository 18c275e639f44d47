import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO, type DemoSim, failure, http, startDemo } from './helpers.ts'

// Designer schema edits through the control API, and what the public API shows afterwards
// (docs/webflow.md, "Collection schemas").

let t: DemoSim
beforeEach(async () => {
  t = await startDemo()
})
afterEach(async () => {
  await t.sim.close()
})

const posts = DEMO.postsCollectionId
const field = async (slug: string) => (await t.wf.collections.get(posts)).fields.find((f) => f.slug === slug)
const control = (method: string, path: string, body?: unknown) =>
  http(t.sim, method, `/_sim/collections/${posts}${path}`, { body })
const item = async (slug: string) => {
  const { items } = await t.wf.collections.items.listItems(posts)
  return items!.find((i) => i.fieldData?.slug === slug)!
}

describe('Designer schema edits', () => {
  it('adds a field (201), suffixing a taken slug instead of failing', async () => {
    const res = await control('POST', '/fields', { type: 'PlainText', displayName: 'Tagline' })
    expect(res.status).toBe(201)
    expect(res.json).toMatchObject({ slug: 'tagline', displayName: 'Tagline', type: 'PlainText' })
    const again = await control('POST', '/fields', { type: 'PlainText', displayName: 'Tagline' })
    expect(again.json.slug).toBe('tagline-1')
  })

  it('renames a field: the slug and the item values stay', async () => {
    const body = await field('body')
    const res = await control('PATCH', `/fields/${body!.id}`, { displayName: 'Article' })
    expect(res.json).toMatchObject({ slug: 'body', displayName: 'Article' })
    expect((await item('hello-bindery')).fieldData?.body).toContain('Hello Bindery')
  })

  it('deletes a field with its values; a field recreated with that name gets a new slug and id', async () => {
    const body = await field('body')
    expect((await control('DELETE', `/fields/${body!.id}`)).status).toBe(204)
    expect(await field('body')).toBeUndefined()
    expect((await item('hello-bindery')).fieldData).not.toHaveProperty('body')
    const again = await control('POST', '/fields', { type: 'RichText', displayName: 'Body' })
    expect(again.json.slug).toBe('body-1')
    expect(again.json.id).not.toBe(body!.id)
  })

  it('suffixes from 2 when configured so', async () => {
    await http(t.sim, 'PUT', '/_sim/config', { body: { fieldSlugSuffixFrom: 2 } })
    const body = await field('body')
    await control('DELETE', `/fields/${body!.id}`)
    expect((await control('POST', '/fields', { type: 'RichText', displayName: 'Body' })).json.slug).toBe(
      'body-2',
    )
  })

  it('adds, renames (id kept) and removes Option values; a removed one is cleared on items', async () => {
    const category = await field('category')
    const { news, guide } = DEMO.categoryOptionIds
    const res = await control('PATCH', `/fields/${category!.id}`, {
      options: [{ id: news, name: 'Newsroom' }, { id: guide, name: 'Guide' }, { name: 'Review' }],
    })
    const options = res.json.validations.options as { id: string; name: string }[]
    expect(options.map((o) => o.name)).toEqual(['Newsroom', 'Guide', 'Review'])
    expect(options[0]!.id).toBe(news)
    expect((await item('hello-bindery')).fieldData?.category).toBe(news)
    // Opinion was left out: removed, and the item holding it has no value any more.
    expect((await item('why-drafts-matter')).fieldData?.category ?? null).toBeNull()
  })

  it("keeps a removed Option's id on items when configured so, and renames to a new id when configured so", async () => {
    await http(t.sim, 'PUT', '/_sim/config', {
      body: { removedOptionValues: 'kept', optionRenameKeepsId: false },
    })
    const category = await field('category')
    const { news, guide, opinion } = DEMO.categoryOptionIds
    const res = await control('PATCH', `/fields/${category!.id}`, {
      options: [
        { id: news, name: 'Newsroom' },
        { id: guide, name: 'Guide' },
      ],
    })
    const renamed = (res.json.validations.options as { id: string; name: string }[])[0]!
    expect(renamed.id).not.toBe(news)
    expect((await item('hello-bindery')).fieldData?.category).toBe(renamed.id)
    expect((await item('why-drafts-matter')).fieldData?.category).toBe(opinion)
  })

  it('makes a field required: creates without it fail, updates of other fields still work', async () => {
    const featured = await field('featured')
    await control('PATCH', `/fields/${featured!.id}`, { isRequired: true })
    const create = await failure(
      t.wf.collections.items.createItem(posts, { fieldData: { name: 'New', slug: 'new' } } as never),
    )
    expect(create.status).toBe(400)
    expect(JSON.stringify(create.body)).toContain('featured')
    const it = await item('hello-bindery')
    await t.wf.collections.items.updateItem(posts, it.id!, { fieldData: { name: 'Renamed' } } as never)
  })

  it('refuses a type change, unknown options and a missing field', async () => {
    const category = await field('category')
    expect((await control('PATCH', `/fields/${category!.id}`, { type: 'PlainText' })).status).toBe(400)
    expect(
      (await control('PATCH', `/fields/${category!.id}`, { options: [{ id: 'nope', name: 'X' }] })).status,
    ).toBe(400)
    expect((await control('PATCH', '/fields/000000000000000000000000', { displayName: 'X' })).status).toBe(
      404,
    )
  })

  it('deletes the collection: the Data API answers 404', async () => {
    expect((await control('DELETE', '')).status).toBe(204)
    expect((await failure(t.wf.collections.get(posts))).status).toBe(404)
  })

  it("the Data API's field PATCH changes name, required and help text only, never the options", async () => {
    const category = await field('category')
    const res = await http(t.sim, 'PATCH', `/v2/collections/${posts}/fields/${category!.id}`, {
      token: t.token,
      body: { displayName: 'Topic', metadata: { options: [{ name: 'Other' }] } },
    })
    expect(res.status).toBe(200)
    expect(res.json.displayName).toBe('Topic')
    expect((res.json.validations.options as unknown[]).length).toBe(3)
  })
})
