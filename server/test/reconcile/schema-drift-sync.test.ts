import { describe, expect, it } from 'vitest'
import { DEMO, startReconcileWorld } from './reconcile-world'
import { schemaLink } from './schema-world'

// Schema drift, one class per test, against the simulator and a real Postgres. Each test ends by
// checking that no value was lost on either side.

describe('schema drift: Designer schema edits, noticed and never turned into data loss', async () => {
  const world = await startReconcileWorld()

  it('the designer story: a new Option set in Webflow survives a hub edit of another field, on both sides', async () => {
    const t = await schemaLink(world, 'story')
    const kind = await t.field('kind')
    const before = await t.options()
    const patched = await t.control('PATCH', `/fields/${kind.id}`, {
      options: [...before, { name: 'review' }],
    })
    const review = patched.validations.options.find((o: { name: string }) => o.name === 'review').id
    const wf = await t.webflow()
    const item = wf.get('story-0')!
    await t.editWebflow(item.id!, { kind: review })
    const hubItem = (await t.hub()).get('story-0')!
    expect(hubItem.fields.kind).toBe('review')

    await t.editHub(hubItem.id, { fields: { summary: 'Edited in the hub' } })
    expect((await t.hub()).get('story-0')!.fields).toMatchObject({
      kind: 'review',
      summary: 'Edited in the hub',
    })
    expect((await t.webflow()).get('story-0')!.fieldData).toMatchObject({
      kind: review,
      summary: 'Edited in the hub',
    })
    const collection = await world.content.call('GET', `/collections/${t.collectionId}`)
    expect(collection.json().fields.find((f: { slug: string }) => f.slug === 'kind').options).toEqual([
      'news',
      'guide',
      'review',
    ])
    expect(await t.audit('schema.optionAdded')).toHaveLength(1)
  })

  it('an Option renamed in the Designer: items follow its id, the hub select is renamed, nothing is lost', async () => {
    const t = await schemaLink(world, 'rename-option')
    const kind = await t.field('kind')
    const before = await t.options()
    await t.control('PATCH', `/fields/${kind.id}`, {
      options: before.map((o) => (o.name === 'news' ? { ...o, name: 'newsroom' } : o)),
    })
    const report = await world.reconcile(t.linkId)
    expect(report.schema).toMatchObject([
      { kind: 'optionRenamed', option: { previousName: 'news', name: 'newsroom' } },
    ])
    const hub = await t.hub()
    expect(hub.get('rename-option-0')!.fields.kind).toBe('newsroom')
    expect(hub.get('rename-option-1')!.fields.kind).toBe('guide')
    await t.editHub(hub.get('rename-option-0')!.id, { fields: { rating: 42 } })
    const newsId = before.find((o) => o.name === 'news')!.id
    expect((await t.webflow()).get('rename-option-0')!.fieldData).toMatchObject({ kind: newsId, rating: 42 })
  })

  it('a field renamed in the Designer keeps syncing by slug and shows its new name', async () => {
    const t = await schemaLink(world, 'rename-field')
    await t.control('PATCH', `/fields/${(await t.field('summary')).id}`, { displayName: 'Teaser' })
    const report = await world.reconcile(t.linkId)
    expect(report.schema).toMatchObject([{ kind: 'fieldRenamed', name: 'Teaser', reaction: 'followed' }])
    const summary = await t.summary()
    expect(summary.fields.find((f) => f.hubSlug === 'summary')).toMatchObject({
      webflowSlug: 'summary',
      webflowName: 'Teaser',
    })
    expect(summary.schemaDrift).toMatchObject([{ kind: 'fieldRenamed' }])
    const hubItem = (await t.hub()).get('rename-field-1')!
    await t.editHub(hubItem.id, { fields: { summary: 'Still syncing' } })
    expect((await t.webflow()).get('rename-field-1')!.fieldData!.summary).toBe('Still syncing')
  })

  it('a field deleted in the Designer is unmapped at the first push that hits it: hub values kept, never pushed as null', async () => {
    const t = await schemaLink(world, 'delete-field')
    await t.control('DELETE', `/fields/${(await t.field('rating')).id}`)
    const hubItem = (await t.hub()).get('delete-field-2')!
    // No reconcile yet: the push of a rating meets Webflow's 400, reads the schema and sends the item again.
    await t.editHub(hubItem.id, { name: 'Renamed in the hub', fields: { rating: 99 } })
    expect((await t.webflow()).get('delete-field-2')!.fieldData!.name).toBe('Renamed in the hub')
    const summary = await t.summary()
    expect(summary.fields.map((f) => f.hubSlug)).toEqual(['summary', 'kind'])
    expect(summary.schemaDrift).toMatchObject([
      { kind: 'fieldDeleted', hubSlug: 'rating', reaction: 'unmapped' },
    ])
    expect(summary.counts.failed).toBe(0)
    const hub = await t.hub()
    expect([...hub.values()].map((i) => i.fields.rating).sort()).toEqual([1, 2, 4, 99])
    expect(await t.audit('schema.fieldDeleted')).toHaveLength(1)
  })

  it('a field deleted and recreated is offered for re-mapping, not guessed; re-mapped, hub values fill it', async () => {
    const t = await schemaLink(world, 'recreate')
    await t.control('DELETE', `/fields/${(await t.field('summary')).id}`)
    const recreated = await t.control('POST', '/fields', { type: 'PlainText', displayName: 'Summary' })
    expect(recreated.slug).toBe('summary-1')
    const report = await world.reconcile(t.linkId)
    expect(report.schema).toMatchObject([
      { kind: 'fieldRecreated', hubSlug: 'summary', candidateFieldId: recreated.id, reaction: 'needsAction' },
    ])
    expect((await t.summary()).fields.map((f) => f.hubSlug)).toEqual(['kind', 'rating'])
    expect((await t.webflow()).get('recreate-0')!.fieldData).not.toHaveProperty('summary-1')

    const res = await world.admin('POST', `/sites/${DEMO.siteId}/links/${t.linkId}/schema/remap`, {
      hubSlug: 'summary',
      webflowFieldId: recreated.id,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().schemaDrift).toEqual([])
    await world.settle()
    const wf = await t.webflow()
    const hub = await t.hub()
    for (const [slug, item] of hub) {
      expect(item.fields.summary).toMatch(/^About \d$/)
      expect(wf.get(slug)!.fieldData!['summary-1']).toBe(item.fields.summary)
    }
    const bad = await world.admin('POST', `/sites/${DEMO.siteId}/links/${t.linkId}/schema/remap`, {
      hubSlug: 'rating',
      webflowFieldId: recreated.id,
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBeDefined()
  })

  it('a field made required blocks only the creates that lack a value, each explained', async () => {
    const t = await schemaLink(world, 'required')
    await t.control('PATCH', `/fields/${(await t.field('rating')).id}`, { isRequired: true })
    const report = await world.reconcile(t.linkId)
    expect(report.schema).toMatchObject([
      { kind: 'fieldRequired', hubSlug: 'rating', reaction: 'createsBlocked' },
    ])
    const create = (slug: string, fields: object) =>
      world.content.call('POST', `/collections/${t.collectionId}/items`, {
        slug,
        name: slug,
        status: 'published',
        fields,
      })
    const without = (await create('no-rating', { summary: 'x' })).json()
    await create('with-rating', { rating: 7 })
    // An existing item cleared in the hub: its null is not sent (Webflow would refuse the update).
    const first = (await t.hub()).get('required-0')!
    await t.editHub(first.id, { name: 'Renamed', fields: { rating: null } })
    const wf = await t.webflow()
    expect(wf.get('with-rating')!.fieldData!.rating).toBe(7)
    expect(wf.has('no-rating')).toBe(false)
    expect(wf.get('required-0')!.fieldData).toMatchObject({ name: 'Renamed', rating: 1 })
    const errors = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${t.linkId}/errors`)).json().items
    expect(errors).toEqual([
      expect.objectContaining({ slug: 'no-rating', message: expect.stringMatching(/requires "Rating"/) }),
    ])

    await t.editHub(without.id, { fields: { rating: 3 } })
    expect((await t.webflow()).get('no-rating')!.fieldData!.rating).toBe(3)
  })

  it('a field added in the Designer is reported and touches nothing', async () => {
    const t = await schemaLink(world, 'added')
    await t.control('POST', '/fields', { type: 'PlainText', displayName: 'Tagline' })
    const report = await world.reconcile(t.linkId)
    expect(report.schema).toMatchObject([{ kind: 'fieldAdded', name: 'Tagline', reaction: 'reported' }])
    expect(Object.values(report.found).every((n) => n === 0)).toBe(true)
    // One request for the schema, one list page staged and one live.
    expect(report.requests).toBe(3)
    expect((await t.summary()).schemaDrift).toMatchObject([{ kind: 'fieldAdded' }])
    const dismissed = await world.admin('POST', `/sites/${DEMO.siteId}/links/${t.linkId}/schema/dismiss`)
    expect(dismissed.json().schemaDrift).toEqual([])
  })

  it('an option added to the hub select is reported for the Designer (the Data API cannot add it); its items wait with the reason', async () => {
    const t = await schemaLink(world, 'hub-option')
    const patch = await world.content.call('PATCH', `/collections/${t.collectionId}`, {
      updateFields: [{ slug: 'kind', options: ['news', 'guide', 'opinion'] }],
    })
    expect(patch.statusCode, patch.body).toBe(200)
    const item = (await t.hub()).get('hub-option-0')!
    await t.editHub(item.id, { fields: { kind: 'opinion' } })
    const report = await world.reconcile(t.linkId)
    expect(report.schema).toMatchObject([
      { kind: 'hubOptionMissing', option: { name: 'opinion' }, reaction: 'reported' },
    ])
    const errors = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${t.linkId}/errors`)).json().items
    expect(errors).toEqual([
      expect.objectContaining({ slug: 'hub-option-0', message: expect.stringMatching(/opinion/) }),
    ])
    // Nothing was written over Webflow's value, and the hub keeps its own.
    expect((await t.webflow()).get('hub-option-0')!.fieldData!.kind).toBe((await t.options())[0]!.id)
    expect((await t.hub()).get('hub-option-0')!.fields.kind).toBe('opinion')
  })

  it('a deleted collection puts the link in error; nothing is recreated until asked; recreated, every item is back', async () => {
    const t = await schemaLink(world, 'gone', 5)
    await t.control('DELETE', '')
    const hubItem = (await t.hub()).get('gone-1')!
    await t.editHub(hubItem.id, { name: 'Edited while gone' })
    await world.reconcile(t.linkId)
    const summary = await t.summary()
    expect(summary.state).toBe('error')
    expect(summary.lastError).toMatch(/deleted/)
    expect(summary.schemaDrift).toMatchObject([{ kind: 'collectionDeleted', reaction: 'needsAction' }])
    await world.reconcile(t.linkId)
    expect((await t.summary()).state).toBe('error')
    const collections = await world.webflow.collections.list(DEMO.siteId)
    expect(collections.collections?.some((c) => c.displayName === 'gone')).toBe(false)

    const res = await world.admin('POST', `/sites/${DEMO.siteId}/links/${t.linkId}/schema/recreate`)
    expect(res.statusCode, res.body).toBe(200)
    await world.settle()
    const after = await t.summary()
    expect(after.state).toBe('live')
    expect(after.webflowCollectionId).not.toBe(t.webflowCollectionId)
    const items = await world.webflow.collections.items.listItems(after.webflowCollectionId)
    const bySlug = new Map(items.items!.map((i) => [i.fieldData!.slug, i]))
    expect(bySlug.size).toBe(5)
    expect(bySlug.get('gone-1')!.fieldData).toMatchObject({
      name: 'Edited while gone',
      rating: 2,
      summary: 'About 1',
    })
    const again = await world.admin('POST', `/sites/${DEMO.siteId}/links/${t.linkId}/schema/recreate`)
    expect(again.statusCode).toBe(409)
    expect(await t.audit('schema.collectionDeleted')).toHaveLength(1)
  })
})
