import { describe, expect, it } from 'vitest'
import { signedHeaders } from '../install/install-world'
import { DEMO, startSyncWorld } from './sync-world'

type Link = { id: string; hubCollectionId: string; webflowCollectionId: string; state: string }

describe('importing Webflow collections and pulling Designer edits', async () => {
  const world = await startSyncWorld()
  const connect = async (body: object): Promise<Link> => {
    const res = await world.admin('POST', `/sites/${DEMO.siteId}/links`, body)
    expect(res.statusCode, res.body).toBe(201)
    await world.settle()
    return (await world.admin('GET', `/sites/${DEMO.siteId}/links/${res.json().id}`)).json()
  }
  const hubItems = async (collectionId: string) =>
    (await world.content.call('GET', `/collections/${collectionId}/items?limit=100`)).json().items as {
      id: string
      slug: string
      name: string
      status: string
      fields: Record<string, unknown>
      version: number
    }[]

  const authors = await connect({
    mode: 'import',
    webflowCollectionId: DEMO.authorsCollectionId,
    fields: ['bio'],
  })
  const posts = await connect({
    mode: 'import',
    webflowCollectionId: DEMO.postsCollectionId,
    fields: ['author', 'category', 'cover', 'body', 'published-on', 'featured'],
  })

  it('imports every item with its fields, status and references translated to hub ids', async () => {
    expect(authors.state).toBe('live')
    expect(posts.state).toBe('live')
    const hubAuthors = await hubItems(authors.hubCollectionId)
    const hubPosts = await hubItems(posts.hubCollectionId)
    expect(hubAuthors).toHaveLength(2)
    expect(hubPosts).toHaveLength(3)
    expect(hubPosts.filter((p) => p.status === 'draft')).toHaveLength(1)
    const withAuthor = hubPosts.find((p) => p.fields.author)!
    expect(hubAuthors.map((a) => a.id)).toContain(withAuthor.fields.author)
    expect(['news', 'guide', 'opinion']).toContain(withAuthor.fields.category)
  })

  it('applies an edit made in the Designer to the hub, through the signed webhook', async () => {
    const [post] = (await world.webflow.collections.items.listItems(DEMO.postsCollectionId, { limit: 1 }))
      .items!
    world.sim.control.designer.updateItem(DEMO.postsCollectionId, post!.id!, {
      fieldData: { name: 'Edited in Webflow' },
    })
    await world.settle()
    const hub = (await hubItems(posts.hubCollectionId)).find((p) => p.slug === post!.fieldData!.slug)!
    expect(hub.name).toBe('Edited in Webflow')
    const audit = await world.ctx.db.query(
      `select 1 from audit_log where direction = 'pull' and subject_id = $1`,
      [hub.id],
    )
    expect(audit.rowCount).toBeGreaterThan(0)
  })

  it('creates, unpublishes and deletes in the hub what the Designer creates, unpublishes and deletes', async () => {
    const created = world.sim.control.designer.createItem(DEMO.authorsCollectionId, {
      fieldData: { name: 'New Author', slug: 'new-author', bio: 'Fresh' },
    })
    await world.settle()
    let hub = (await hubItems(authors.hubCollectionId)).find((a) => a.slug === 'new-author')!
    expect(hub).toMatchObject({ name: 'New Author', status: 'draft', fields: { bio: 'Fresh' } })

    world.sim.control.designer.publishItem(DEMO.authorsCollectionId, created.id)
    await world.settle()
    hub = (await hubItems(authors.hubCollectionId)).find((a) => a.slug === 'new-author')!
    expect(hub.status).toBe('published')

    world.sim.control.designer.unpublishItem(DEMO.authorsCollectionId, created.id)
    await world.settle()
    hub = (await hubItems(authors.hubCollectionId)).find((a) => a.slug === 'new-author')!
    expect(hub.status).toBe('draft')

    world.sim.control.designer.deleteItem(DEMO.authorsCollectionId, created.id)
    await world.settle()
    expect((await hubItems(authors.hubCollectionId)).find((a) => a.slug === 'new-author')).toBeUndefined()
  })

  it('changes nothing for a duplicate or an out-of-order delivery', async () => {
    const [author] = (await world.webflow.collections.items.listItems(DEMO.authorsCollectionId, { limit: 1 }))
      .items!
    await world.sim.app.inject({
      method: 'PUT',
      url: '/_sim/faults',
      payload: { webhooks: { duplicateRate: 1, reorder: true } },
    })
    world.sim.control.designer.updateItem(DEMO.authorsCollectionId, author!.id!, {
      fieldData: { bio: 'first' },
    })
    world.sim.control.advanceClock?.(1000)
    world.sim.control.designer.updateItem(DEMO.authorsCollectionId, author!.id!, {
      fieldData: { bio: 'second' },
    })
    await world.settle()
    await world.sim.app.inject({ method: 'DELETE', url: '/_sim/faults' })
    const hub = (await hubItems(authors.hubCollectionId)).find((a) => a.slug === author!.fieldData!.slug)!
    expect(hub.fields.bio).toBe('second')
  })

  it('completes a minimal delivery (ids only) from Webflow before applying it', async () => {
    const [author] = (await world.webflow.collections.items.listItems(DEMO.authorsCollectionId, { limit: 1 }))
      .items!
    await world.sim.app.inject({ method: 'PUT', url: '/_sim/faults', payload: { webhooks: { loseRate: 1 } } })
    world.sim.control.designer.updateItem(DEMO.authorsCollectionId, author!.id!, {
      fieldData: { bio: 'from a thin event' },
    })
    await world.sim.app.inject({ method: 'DELETE', url: '/_sim/faults' })
    const body = JSON.stringify({
      triggerType: 'collection_item_changed',
      payload: { id: author!.id, siteId: DEMO.siteId, collectionId: DEMO.authorsCollectionId },
    })
    const res = await fetch(`${world.publicUrl}/webhooks/webflow`, {
      method: 'POST',
      headers: signedHeaders(body),
      body,
    })
    expect(res.status).toBe(200)
    await world.settle()
    const hub = (await hubItems(authors.hubCollectionId)).find((a) => a.slug === author!.fieldData!.slug)!
    expect(hub.fields.bio).toBe('from a thin event')
  })

  it('pushes hub edits of imported items back to Webflow', async () => {
    const hub = (await hubItems(posts.hubCollectionId))[0]!
    const res = await world.content.call('PATCH', `/collections/${posts.hubCollectionId}/items/${hub.id}`, {
      fields: { featured: !hub.fields.featured },
    })
    expect(res.statusCode).toBe(200)
    await world.settle()
    const items = (
      await world.webflow.collections.items.listItems(DEMO.postsCollectionId, { slug: hub.slug })
    ).items!
    expect(items[0]!.fieldData!.featured).toBe(!hub.fields.featured)
  })
})
