import { describe, expect, it } from 'vitest'
import type { HubItem } from '../../src/db/hub-items'
import type { DirtyItem, ItemLink } from '../../src/db/item-links'
import { contentHash } from '../../src/sync/content-hash'
import { chunks, hubContentOf, type PushPlan, planPush } from '../../src/sync/push-plan'
import { hubItem, itemLink, link } from './builders'

const LINK = link()
/** The synced hash of the item as built: what an item link records once the item reached Webflow. */
const hashOf = (item: HubItem) => contentHash(hubContentOf(item, LINK))

function dirty(
  item: Partial<HubItem>,
  il: Partial<ItemLink> | ((item: HubItem) => Partial<ItemLink>),
): DirtyItem {
  const hub = hubItem(item)
  return { item: hub, itemLink: itemLink({ dirty: true, ...(typeof il === 'function' ? il(hub) : il) }) }
}

type Group = keyof PushPlan
const groupsOf = (plan: PushPlan): Group[] =>
  (Object.keys(plan) as Group[]).filter((g) => plan[g].length > 0).sort()

describe('planPush: where each dirty item goes', () => {
  const cases: { name: string; d: DirtyItem; groups: Group[] }[] = [
    {
      name: 'new draft: created staged',
      d: dirty({ status: 'draft' }, { webflowItemId: null, webflowState: null }),
      groups: ['createStaged'],
    },
    {
      name: 'new published item: created live',
      d: dirty({ status: 'published' }, { webflowItemId: null, webflowState: null }),
      groups: ['createLive'],
    },
    {
      name: 'new archived item: created staged (archived)',
      d: dirty({ status: 'archived' }, { webflowItemId: null, webflowState: null }),
      groups: ['createStaged'],
    },
    {
      name: 'edited draft: staged update',
      d: dirty({ fields: { summary: 'Edited' } }, { syncedHash: 'old' }),
      groups: ['updateStaged'],
    },
    {
      name: 'edited, published on both sides: one live update',
      d: dirty(
        { status: 'published', fields: { summary: 'Edited' } },
        { syncedHash: 'old', webflowState: 'published' },
      ),
      groups: ['updateLive'],
    },
    {
      name: 'edited and newly published: staged update, then publish',
      d: dirty(
        { status: 'published', fields: { summary: 'Edited' } },
        { syncedHash: 'old', webflowState: 'draft' },
      ),
      groups: ['publish', 'updateStaged'],
    },
    {
      name: 'unpublished in the hub while live in Webflow: unpublish, then staged update',
      d: dirty({ status: 'draft' }, { syncedHash: 'old', webflowState: 'published' }),
      groups: ['unpublish', 'updateStaged'],
    },
    {
      name: 'archived in the hub while live in Webflow: unpublish, then staged update',
      d: dirty({ status: 'archived' }, { syncedHash: 'old', webflowState: 'changes_queued' }),
      groups: ['unpublish', 'updateStaged'],
    },
    {
      name: 'edited, live with changes in draft in Webflow: one live update',
      d: dirty({ status: 'published' }, { syncedHash: 'old', webflowState: 'changes_in_draft' }),
      groups: ['updateLive'],
    },
    {
      name: 'unchanged content: nothing to send',
      d: dirty({}, (item) => ({ syncedHash: hashOf(item) })),
      groups: ['clean'],
    },
    {
      name: 'unchanged content, published in the hub, not live in Webflow: a publish only',
      d: dirty({ status: 'published' }, (item) => ({ syncedHash: hashOf(item), webflowState: 'draft' })),
      groups: ['publishOnly'],
    },
    {
      name: 'unchanged content, published and live: nothing to send',
      d: dirty({ status: 'published' }, (item) => ({ syncedHash: hashOf(item), webflowState: 'published' })),
      groups: ['clean'],
    },
    {
      name: 'unchanged content after a failed write: sent again',
      d: dirty({}, (item) => ({ syncedHash: hashOf(item), syncState: 'failed' })),
      groups: ['updateStaged'],
    },
    {
      name: 'deleted in the hub, in Webflow: removed',
      d: dirty({ deletedAt: new Date() }, {}),
      groups: ['remove'],
    },
    {
      name: 'deleted before it ever reached Webflow: nothing to send',
      d: dirty({ deletedAt: new Date() }, { webflowItemId: null }),
      groups: ['clean'],
    },
    {
      name: 'in review: held, whatever else changed',
      d: dirty(
        { status: 'published', fields: { summary: 'Edited' } },
        { syncState: 'conflict', syncedHash: 'old' },
      ),
      groups: ['held'],
    },
    {
      name: 'deleted while in review: held, not deleted',
      d: dirty({ deletedAt: new Date() }, { syncState: 'conflict' }),
      groups: ['held'],
    },
  ]
  it.each(cases)('$name', ({ d, groups }) => {
    expect(groupsOf(planPush([d], LINK))).toEqual(groups)
  })
})

describe('planPush: the planned content', () => {
  it('carries only the mapped fields, and the hash of exactly that', () => {
    const d = dirty({ fields: { summary: 'Hi', unmapped: 'left out' } }, { syncedHash: 'old' })
    const [p] = planPush([d], LINK).updateStaged
    expect(p!.content).toEqual({ name: 'Post', slug: 'post', status: 'draft', fields: { summary: 'Hi' } })
    expect(p!.hash).toBe(contentHash(p!.content))
  })

  it('keeps every item in its group in the order given', () => {
    const items = ['a', 'b', 'c'].map((id) =>
      dirty({ id, slug: id }, { id: `il-${id}`, webflowItemId: null, webflowState: null }),
    )
    expect(planPush(items, LINK).createStaged.map((p) => p.item.id)).toEqual(['a', 'b', 'c'])
  })
})

describe('chunks: one bulk request per 100 items', () => {
  const cases: { name: string; n: number; size?: number; sizes: number[] }[] = [
    { name: 'nothing', n: 0, sizes: [] },
    { name: 'one', n: 1, sizes: [1] },
    { name: 'exactly 100', n: 100, sizes: [100] },
    { name: '101', n: 101, sizes: [100, 1] },
    { name: '250', n: 250, sizes: [100, 100, 50] },
    { name: 'a smaller size', n: 5, size: 2, sizes: [2, 2, 1] },
  ]
  it.each(cases)('$name', ({ n, size, sizes }) => {
    const items = Array.from({ length: n }, (_, i) => i)
    const out = chunks(items, size)
    expect(out.map((c) => c.length)).toEqual(sizes)
    expect(out.flat()).toEqual(items)
  })
})
