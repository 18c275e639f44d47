import type { LinkSummary } from '@bindery/shared/api/links'
import type { Field } from '@bindery/shared/webflow'
import { expect } from 'vitest'
import { DEMO, type ReconcileWorld, webflowItems } from './reconcile-world'

/** A published link with a text, a select and a number field, for schema drift tests. */
export async function schemaLink(world: ReconcileWorld, slug: string, count = 4) {
  const collectionId = await world.content.createCollection(slug, [
    { slug: 'summary', name: 'Summary', type: 'text' },
    { slug: 'kind', name: 'Kind', type: 'select', options: ['news', 'guide'] },
    { slug: 'rating', name: 'Rating', type: 'number' },
  ])
  const items = Array.from({ length: count }, (_, i) => ({
    slug: `${slug}-${i}`,
    name: `${slug} ${i}`,
    status: 'published',
    fields: { summary: `About ${i}`, kind: i % 2 ? 'guide' : 'news', rating: i + 1 },
  }))
  const bulk = await world.content.call('POST', `/collections/${collectionId}/items/bulk`, { items })
  expect(bulk.statusCode, bulk.body).toBe(200)
  const res = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
    mode: 'publish',
    hubCollectionId: collectionId,
    fields: ['summary', 'kind', 'rating'],
  })
  expect(res.statusCode, res.body).toBe(201)
  await world.settle()
  const linkId = res.json().id as string
  const webflowCollectionId = res.json().webflowCollectionId as string
  const sim = world.sim.app
  const control = async (method: 'POST' | 'PATCH' | 'DELETE', path: string, payload?: object) => {
    const r = await sim.inject({ method, url: `/_sim/collections/${webflowCollectionId}${path}`, payload })
    expect(r.statusCode, r.body).toBeLessThan(300)
    return r.body ? r.json() : null
  }
  const field = async (slug: string): Promise<Field> =>
    (await world.webflow.collections.get(webflowCollectionId)).fields.find((f) => f.slug === slug) as Field
  const options = async () =>
    ((await field('kind')).validations as { options: { id: string; name: string }[] }).options
  return {
    linkId,
    collectionId,
    webflowCollectionId,
    control,
    field,
    options,
    summary: async (): Promise<LinkSummary> =>
      (await world.admin('GET', `/sites/${DEMO.siteId}/links/${linkId}`)).json(),
    hub: async () => new Map((await world.hubItems(collectionId)).map((i) => [i.slug, i])),
    webflow: async () =>
      new Map((await webflowItems(world, webflowCollectionId)).map((i) => [i.fieldData!.slug as string, i])),
    /** A hub edit through the content API, then everything settles. */
    editHub: async (itemId: string, body: object) => {
      const r = await world.content.call('PATCH', `/collections/${collectionId}/items/${itemId}`, body)
      expect(r.statusCode, r.body).toBe(200)
      await world.settle()
    },
    /** A Webflow edit made in the Designer (its webhook comes), then everything settles. */
    editWebflow: async (itemId: string, fieldData: object) => {
      world.sim.control.designer.updateItem(webflowCollectionId, itemId, { fieldData })
      await world.settle()
    },
    audit: async (action: string) =>
      (
        await world.ctx.db.query('select after from audit_log where subject_id = $1 and action = $2', [
          linkId,
          action,
        ])
      ).rows.map((r) => r.after),
  }
}
