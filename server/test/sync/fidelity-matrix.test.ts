import type { RuntimeConfig } from '@bindery/sim/sim-options'
import { describe, expect, it } from 'vitest'
import { DEMO, type SyncWorld, startSyncWorld, webflowItems } from './sync-world'

// One sync scenario against the simulator once per setting of every Webflow behaviour docs/webflow.md
// lists as unconfirmed: connect, edits both ways, publish, delete; then both sides must agree.

const SETTINGS: [string, Partial<RuntimeConfig>][] = [
  ['defaults', {}],
  ['echoApiWrites false', { echoApiWrites: false }],
  ['stagedEditOfLive changesInDraft', { stagedEditOfLive: 'changesInDraft' }],
  ['publishBumpsLastUpdated true', { publishBumpsLastUpdated: true }],
  ['collectionNeedsSitePublish false', { collectionNeedsSitePublish: false }],
  ['multiCreateAnswer single', { multiCreateAnswer: 'single' }],
  ['multiCreateOrder reversed', { multiCreateOrder: 'reversed' }],
  ['bulkErrorParam plain', { bulkErrorParam: 'plain' }],
  ['bulkMissingIds skip', { bulkMissingIds: 'skip' }],
  ['webhookItemKeys docs', { webhookItemKeys: 'docs' }],
  ['webhookRemovalPayload full', { webhookRemovalPayload: 'full' }],
  ['sitePublishPayload v1', { sitePublishPayload: 'v1' }],
  ['webhookRetryTimestamp first', { webhookRetryTimestamp: 'first' }],
  ['duplicateSlug suffix', { duplicateSlug: 'suffix' }],
]

type HubItem = { id: string; slug: string; name: string; status: string }

async function hubItems(world: SyncWorld, collectionId: string): Promise<HubItem[]> {
  return (await world.content.call('GET', `/collections/${collectionId}/items?limit=100`)).json().items
}

async function scenario(world: SyncWorld) {
  const collectionId = await world.content.createCollection('gear', [
    { slug: 'summary', name: 'Summary', type: 'text' },
  ])
  const items = Array.from({ length: 8 }, (_, i) => ({
    slug: `gear-${i}`,
    name: `Gear ${i}`,
    status: i % 4 === 3 ? 'draft' : 'published',
    fields: { summary: `About gear ${i}` },
  }))
  expect(
    (await world.content.call('POST', `/collections/${collectionId}/items/bulk`, { items })).statusCode,
  ).toBe(200)
  // Connect: publish the hub collection, with consent to publish the site once for it.
  const res = await world.admin('POST', `/sites/${DEMO.siteId}/links`, {
    mode: 'publish',
    hubCollectionId: collectionId,
    fields: ['summary'],
    publishSite: true,
  })
  expect(res.statusCode, res.body).toBe(201)
  const linkId: string = res.json().id
  const cid: string = res.json().webflowCollectionId
  await world.settle()
  await world.admin('PATCH', `/sites/${DEMO.siteId}/links/${linkId}`, { publishSite: false })
  const hub = await hubItems(world, collectionId)
  const wf = await webflowItems(world, cid)
  const wfOf = (slug: string) => wf.find((i) => i.fieldData?.slug === slug)!
  const path = `/collections/${collectionId}/items`

  // Edits both ways.
  const bySlug = (slug: string) => hub.find((h) => h.slug === slug)!
  await world.content.call('PATCH', `${path}/${bySlug('gear-0').id}`, { name: 'Gear zero' })
  await world.content.call('POST', `${path}/${bySlug('gear-1').id}/unpublish`)
  await world.content.call('POST', `${path}/${bySlug('gear-3').id}/publish`)
  await world.content.call('POST', path, { slug: 'gear-new', name: 'Gear new', status: 'published' })
  world.sim.control.designer.updateItem(cid, wfOf('gear-2').id!, {
    fieldData: { name: 'Gear two (Designer)' },
  })
  const made = world.sim.control.designer.createItem(cid, {
    fieldData: { name: 'Designer gear', slug: 'designer-gear' },
  })
  await world.settle()
  // Publish in the Designer: one item, then the site.
  world.sim.control.designer.publishItem(cid, made.id)
  world.sim.control.designer.publishSite(DEMO.siteId)
  await world.settle()
  // Delete both ways.
  await world.content.call('DELETE', `${path}/${bySlug('gear-4').id}`)
  world.sim.control.designer.deleteItem(cid, wfOf('gear-5').id!)
  await world.settle()
  // The reconcile repairs what webhooks could not carry (docs/webflow.md, Webhook deliveries).
  await world.ctx.boss.send('link-reconcile', { linkId, trigger: 'manual' })
  await world.settle()
  return { collectionId, cid, linkId }
}

for (const [name, setting] of SETTINGS) {
  describe(`fidelity matrix: ${name}`, async () => {
    const world = await startSyncWorld(setting)
    it('ends with both sides equal and no duplicates', async () => {
      const { collectionId, cid, linkId } = await scenario(world)
      const hub = await hubItems(world, collectionId)
      const wf = await webflowItems(world, cid)
      const slugs = (xs: { slug?: string }[]) => xs.map((x) => x.slug).sort()
      expect(slugs(wf.map((i) => ({ slug: i.fieldData?.slug })))).toEqual(slugs(hub))
      expect(new Set(wf.map((i) => i.fieldData?.slug)).size).toBe(wf.length)
      expect(hub.map((h) => h.slug)).toEqual(expect.arrayContaining(['gear-new', 'designer-gear']))
      expect(hub.map((h) => h.slug)).not.toContain('gear-4')
      expect(hub.map((h) => h.slug)).not.toContain('gear-5')
      for (const h of hub) {
        const w = wf.find((i) => i.fieldData?.slug === h.slug)!
        expect(w.fieldData?.name, h.slug).toBe(h.name)
        const live = !!w.lastPublished && !w.isArchived
        expect(live, `${h.slug} live in Webflow`).toBe(h.status === 'published')
      }
      expect(hub.find((h) => h.slug === 'gear-0')!.name).toBe('Gear zero')
      expect(hub.find((h) => h.slug === 'gear-2')!.name).toBe('Gear two (Designer)')
      expect(hub.find((h) => h.slug === 'designer-gear')!.status).toBe('published')
      const link = (await world.admin('GET', `/sites/${DEMO.siteId}/links/${linkId}`)).json()
      expect(link.counts).toMatchObject({ pending: 0, failed: 0, conflict: 0 })
    })
  })
}
