import { describe, expect, it } from 'vitest'
import type { ConflictPolicy } from '../../src/db/links'
import { mergeContent } from '../../src/sync/merge'
import type { HubContent } from '../../src/vocabulary/hub-content'
import { content } from './builders'

type Sides = { base: HubContent | null; hub: HubContent; webflow: HubContent }
const fields = (
  base: Record<string, unknown> | null,
  hub: Record<string, unknown>,
  webflow: Record<string, unknown>,
): Sides => ({
  base: base && content({ fields: base }),
  hub: content({ fields: hub }),
  webflow: content({ fields: webflow }),
})

describe('mergeContent: which value each field keeps', () => {
  const cases: { name: string; sides: Sides; merged: Record<string, unknown>; conflicts: string[] }[] = [
    {
      name: 'nobody changed anything',
      sides: fields({ a: 1 }, { a: 1 }, { a: 1 }),
      merged: { a: 1 },
      conflicts: [],
    },
    {
      name: 'only the hub changed a field: the hub value',
      sides: fields({ a: 1 }, { a: 2 }, { a: 1 }),
      merged: { a: 2 },
      conflicts: [],
    },
    {
      name: 'only Webflow changed a field: the Webflow value',
      sides: fields({ a: 1 }, { a: 1 }, { a: 3 }),
      merged: { a: 3 },
      conflicts: [],
    },
    {
      name: 'different fields changed on each side: both edits kept',
      sides: fields({ a: 1, b: 1 }, { a: 2, b: 1 }, { a: 1, b: 3 }),
      merged: { a: 2, b: 3 },
      conflicts: [],
    },
    {
      name: 'same field changed to the same value on both sides: no conflict',
      sides: fields({ a: 1 }, { a: 5 }, { a: 5 }),
      merged: { a: 5 },
      conflicts: [],
    },
    {
      name: 'same field changed differently on both sides: a conflict, the hub value kept for review',
      sides: fields({ a: 1 }, { a: 2 }, { a: 3 }),
      merged: { a: 2 },
      conflicts: ['fields.a'],
    },
    {
      name: 'a field added in Webflow only',
      sides: fields({}, {}, { a: 'new' }),
      merged: { a: 'new' },
      conflicts: [],
    },
    {
      name: 'a field cleared in Webflow: cleared in the merge',
      sides: fields({ a: 'x' }, { a: 'x' }, {}),
      merged: {},
      conflicts: [],
    },
    {
      name: 'a field cleared in the hub: stays cleared',
      sides: fields({ a: 'x' }, {}, { a: 'x' }),
      merged: {},
      conflicts: [],
    },
    {
      name: 'null on one side and absent on the other are the same: no change, no conflict',
      sides: fields({ a: null }, {}, { a: null }),
      merged: {},
      conflicts: [],
    },
    {
      name: 'null in Webflow against an absent base: nothing changed',
      sides: fields({}, { b: 1 }, { a: null, b: 1 }),
      merged: { b: 1 },
      conflicts: [],
    },
    {
      name: 'cleared in the hub, edited in Webflow: a conflict',
      sides: fields({ a: 'x' }, {}, { a: 'y' }),
      merged: {},
      conflicts: ['fields.a'],
    },
    {
      name: 'rich text edited on one side only',
      sides: fields(
        { body: '<p>Hi</p>' },
        { body: '<p>Hi</p>' },
        { body: '<p>Hi <strong>there</strong></p>' },
      ),
      merged: { body: '<p>Hi <strong>there</strong></p>' },
      conflicts: [],
    },
    {
      name: 'rich text edited on both sides: a conflict, never a spliced paragraph',
      sides: fields({ body: '<p>Hi</p>' }, { body: '<p>Hello</p>' }, { body: '<p>Hey</p>' }),
      merged: { body: '<p>Hello</p>' },
      conflicts: ['fields.body'],
    },
    {
      name: 'references reordered in Webflow: the new order',
      sides: fields({ tags: ['t1', 't2'] }, { tags: ['t1', 't2'] }, { tags: ['t2', 't1'] }),
      merged: { tags: ['t2', 't1'] },
      conflicts: [],
    },
    {
      name: 'references reordered differently on both sides: a conflict (order matters)',
      sides: fields({ tags: ['t1', 't2', 't3'] }, { tags: ['t3', 't1', 't2'] }, { tags: ['t2', 't1', 't3'] }),
      merged: { tags: ['t3', 't1', 't2'] },
      conflicts: ['fields.tags'],
    },
    {
      name: 'an object value with its keys in another order is unchanged',
      sides: fields(
        { img: { url: 'u', alt: 'a' } },
        { img: { alt: 'a', url: 'u' } },
        { img: { url: 'u', alt: 'a' } },
      ),
      merged: { img: { alt: 'a', url: 'u' } },
      conflicts: [],
    },
    {
      name: 'no base (never synced): any difference is a conflict',
      sides: fields(null, { a: 1 }, { a: 2 }),
      merged: { a: 1 },
      conflicts: ['fields.a'],
    },
    {
      name: 'no base, equal values: no conflict',
      sides: fields(null, { a: 1 }, { a: 1 }),
      merged: { a: 1 },
      conflicts: [],
    },
  ]
  it.each(cases)('$name', ({ sides, merged, conflicts }) => {
    const out = mergeContent(sides.base, sides.hub, sides.webflow, 'review', false)
    expect(out.merged.fields).toEqual(merged)
    expect(out.conflicts.map((c) => c.field)).toEqual(conflicts)
  })
})

describe('mergeContent: name, slug and status merge like fields', () => {
  const base = content({ name: 'Post', slug: 'post', status: 'draft' })
  const cases: {
    name: string
    hub: Partial<HubContent>
    webflow: Partial<HubContent>
    expected: Partial<HubContent>
    conflicts: string[]
  }[] = [
    {
      name: 'renamed in Webflow',
      hub: {},
      webflow: { name: 'Renamed' },
      expected: { name: 'Renamed' },
      conflicts: [],
    },
    {
      name: 'slug changed in the hub',
      hub: { slug: 'new' },
      webflow: {},
      expected: { slug: 'new' },
      conflicts: [],
    },
    {
      name: 'published in Webflow',
      hub: {},
      webflow: { status: 'published' },
      expected: { status: 'published' },
      conflicts: [],
    },
    {
      name: 'archived in the hub, published in Webflow: a status conflict',
      hub: { status: 'archived' },
      webflow: { status: 'published' },
      expected: { status: 'archived' },
      conflicts: ['status'],
    },
    {
      name: 'renamed differently on both sides',
      hub: { name: 'A' },
      webflow: { name: 'B' },
      expected: { name: 'A' },
      conflicts: ['name'],
    },
  ]
  it.each(cases)('$name', ({ hub, webflow, expected, conflicts }) => {
    const out = mergeContent(base, { ...base, ...hub }, { ...base, ...webflow }, 'review', false)
    expect(out.merged).toMatchObject(expected)
    expect(out.conflicts.map((c) => c.field)).toEqual(conflicts)
  })
})

describe('mergeContent: a conflict follows the link policy', () => {
  const sides = fields({ a: 'base' }, { a: 'hub' }, { a: 'webflow' })
  const cases: { name: string; policy: ConflictPolicy; webflowIsNewer: boolean; value: string }[] = [
    { name: 'review keeps the hub value', policy: 'review', webflowIsNewer: true, value: 'hub' },
    { name: 'hub wins', policy: 'hub', webflowIsNewer: true, value: 'hub' },
    { name: 'webflow wins', policy: 'webflow', webflowIsNewer: false, value: 'webflow' },
    { name: 'newest, Webflow newer', policy: 'newest', webflowIsNewer: true, value: 'webflow' },
    { name: 'newest, hub newer', policy: 'newest', webflowIsNewer: false, value: 'hub' },
  ]
  it.each(cases)('$name', ({ policy, webflowIsNewer, value }) => {
    const out = mergeContent(sides.base, sides.hub, sides.webflow, policy, webflowIsNewer)
    expect(out.merged.fields).toEqual({ a: value })
    // Whatever wins, the conflict is reported with all three values.
    expect(out.conflicts).toEqual([{ field: 'fields.a', base: 'base', hub: 'hub', webflow: 'webflow' }])
  })

  it('reports a cleared side as null', () => {
    const out = mergeContent(
      content({ fields: { a: 'x' } }),
      content(),
      content({ fields: { a: 'y' } }),
      'review',
      false,
    )
    expect(out.conflicts).toEqual([{ field: 'fields.a', base: 'x', hub: null, webflow: 'y' }])
  })
})
