import { describe, expect, it } from 'vitest'
import type { HubItem } from '../../src/db/hub-items'
import type { HubRow, ItemLink } from '../../src/db/item-links'
import type { Link } from '../../src/db/links'
import { type Classified, classifyUnlisted } from '../../src/reconcile/classify-drift'

// The sweep of a reconcile: hub rows whose Webflow item the run did not list, or that have none.
const hub = (o: Partial<HubItem> = {}): HubItem => ({
  id: 'h1',
  collectionId: 'c',
  slug: 'post',
  name: 'Post',
  status: 'published',
  fields: {},
  version: 1,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  deletedAt: null,
  ...o,
})
const il = (o: Partial<ItemLink> = {}): ItemLink => ({
  id: 'il1',
  linkId: 'l',
  hubItemId: 'h1',
  webflowItemId: 'w1',
  syncState: 'synced',
  dirty: false,
  createSentAt: null,
  syncedHash: 'x',
  base: null,
  webflowState: 'published',
  webflowLastUpdated: null,
  lastPushedAt: null,
  lastPulledAt: null,
  lastError: null,
  ...o,
})

describe('classifyUnlisted', () => {
  const cases: [string, HubRow, Link['direction'], string[], unknown][] = [
    ['never reached Webflow', { item: hub(), itemLink: null }, 'two-way', [], ['create']],
    ['never reached Webflow, pull-only', { item: hub(), itemLink: null }, 'pull-only', [], []],
    ['Webflow lost it', { item: hub(), itemLink: il() }, 'two-way', [], ['create:w1']],
    ['Webflow lost it, pull-only', { item: hub(), itemLink: il() }, 'pull-only', [], ['deleteHub:w1']],
    ['a push pending', { item: hub(), itemLink: il({ dirty: true }) }, 'two-way', [], []],
    ['a create in flight', { item: hub(), itemLink: il({ createSentAt: new Date() }) }, 'two-way', [], []],
    ['held for review', { item: hub(), itemLink: il({ syncState: 'conflict' }) }, 'two-way', [], []],
    ['deleted on both sides', { item: hub({ deletedAt: new Date() }), itemLink: il() }, 'two-way', [], []],
    ['adopted by an unknown Webflow item', { item: hub(), itemLink: il() }, 'two-way', ['h1'], []],
    ['adopted, never linked', { item: hub(), itemLink: null }, 'two-way', ['h1'], []],
    [
      'archived after Webflow deleted it',
      {
        item: hub({ status: 'archived' }),
        itemLink: il({ webflowItemId: null, webflowState: 'deleted' as never }),
      },
      'two-way',
      [],
      [],
    ],
  ]
  it.each(cases)('%s', (_, row, direction, adopted, expected) => {
    const out: Classified = { drifts: [], refresh: [], linked: [] }
    classifyUnlisted({ direction, deleteMode: 'delete' } as Link, [row], new Set(adopted), out)
    expect(out.drifts.map((d) => [d.repair.kind, d.confirmGone].filter(Boolean).join(':'))).toEqual(expected)
    for (const d of out.drifts) expect(d.cls).toBe('missingOnWebflow')
  })
})
