import { describe, expect, it } from 'vitest'
import type { HubItem } from '../../src/db/hub-items'
import type { ItemLink } from '../../src/db/item-links'
import { duration, planCost, pushRequests, queuedRequests, webflowSideOf } from '../../src/sync/plan-cost'
import type { PlannedItem, PushPlan } from '../../src/sync/push-plan'

const item = (i: number, state: ItemLink['webflowState'] = 'published') =>
  ({
    item: { id: `h${i}`, slug: `s${i}`, name: `n${i}`, status: 'published' } as HubItem,
    itemLink: { id: `l${i}`, webflowItemId: `w${i}`, webflowState: state } as ItemLink,
    content: { name: '', slug: '', status: 'published', fields: {} },
    hash: '',
  }) as PlannedItem
const items = (n: number, state?: ItemLink['webflowState']) =>
  Array.from({ length: n }, (_, i) => item(i, state))
const plan = (p: Partial<PushPlan>): PushPlan => ({
  createLive: [],
  createStaged: [],
  updateLive: [],
  updateStaged: [],
  unpublish: [],
  publish: [],
  publishOnly: [],
  remove: [],
  clean: [],
  held: [],
  ...p,
})

describe('pushRequests: the requests pushLink sends for a plan', () => {
  const table: [
    string,
    PushPlan,
    { archive?: boolean; readsWebflow?: boolean; size?: number; locales?: { live: number; staged: number } },
    Record<string, number>,
  ][] = [
    ['nothing', plan({}), {}, { create: 0, update: 0, unpublish: 0, publish: 0, list: 0, delete: 0 }],
    ['250 live creates: 3 requests', plan({ createLive: items(250) }), {}, { create: 3 }],
    [
      '100 live + 1 staged create',
      plan({ createLive: items(100), createStaged: items(1) }),
      {},
      { create: 2 },
    ],
    [
      'updates on a two-way link read recent edits first (≤ 3 pages)',
      plan({ updateLive: items(150) }),
      { readsWebflow: true, size: 900 },
      { update: 2, list: 3 },
    ],
    [
      'updates on a push-only link do not read',
      plan({ updateLive: items(150) }),
      { size: 900 },
      { update: 2, list: 0 },
    ],
    [
      'staged updates of live items: unpublish, update, publish',
      plan({ updateStaged: items(120), unpublish: items(120), publish: items(120) }),
      {},
      { update: 2, unpublish: 2, publish: 2 },
    ],
    ['deletes of live items unpublish first', plan({ remove: items(101) }), {}, { unpublish: 2, delete: 2 }],
    ['deletes of drafts only delete', plan({ remove: items(30, 'draft') }), {}, { unpublish: 0, delete: 1 }],
    [
      'archive instead of delete',
      plan({ remove: items(30, 'draft') }),
      { archive: true },
      { update: 1, delete: 0 },
    ],
    [
      'publish-only checks the live listing',
      plan({ publishOnly: items(10) }),
      { size: 250 },
      { publish: 1, list: 3 },
    ],
    [
      'translations after their items: 100 to a PATCH, live and staged apart',
      plan({ createLive: items(150) }),
      { locales: { live: 300, staged: 1 } },
      { create: 2, locale: 4 },
    ],
    ['no translations, no locale requests', plan({ createLive: items(10) }), {}, { create: 1, locale: 0 }],
  ]
  it.each(table)('%s', (_n, p, o, expected) => {
    const out = pushRequests(p, {
      archive: o.archive ?? false,
      readsWebflow: o.readsWebflow ?? false,
      collectionSize: o.size ?? 0,
      ...(o.locales ? { localeVersions: o.locales } : {}),
    })
    expect(out).toMatchObject(expected)
  })

  it('counts each item once per action, live creates as publishes too', () => {
    const side = webflowSideOf(
      plan({ createLive: items(3), updateStaged: items(2), publish: items(1), remove: items(4) }),
      false,
    )
    expect(side).toEqual({ create: 3, update: 2, publish: 4, unpublish: 0, archive: 0, delete: 4 })
    expect(webflowSideOf(plan({ remove: items(4) }), true)).toMatchObject({ archive: 4, delete: 0 })
  })
})

describe('planCost: time under the token budget', () => {
  const table: [Record<string, number>, number, number, number, string][] = [
    [{ create: 211 }, 0, 120, 60, '211 requests ≈ 1 min at 120/min'],
    [{ list: 2, update: 1 }, 0, 60, 1, '3 requests ≈ 1 s at 60/min'],
    [{ update: 50 }, 0, 60, 5, '50 requests ≈ 5 s at 60/min'],
    [{ update: 50 }, 100, 60, 120, '50 requests ≈ 2 min at 60/min after 100 queued by other links'],
    [{ create: 1 }, 0, 120, 1, '1 request ≈ 1 s at 120/min'],
    [{ create: 7200 }, 0, 60, 7140, '7200 requests ≈ 1 h 59 min at 60/min'],
  ]
  it.each(table)('%o, %i ahead, %i/min → %i s', (byKind, ahead, perMinute, seconds, summary) => {
    const c = planCost(byKind, ahead, perMinute)
    expect(c.seconds).toBe(seconds)
    expect(c.summary).toBe(summary)
  })
  it('durations read naturally', () => {
    expect([duration(0), duration(59), duration(90), duration(3600), duration(5400)]).toEqual([
      '1 s',
      '59 s',
      '2 min',
      '1 h',
      '1 h 30 min',
    ])
  })
  it('pending items of other links cost a write and a publish per 100', () => {
    expect(queuedRequests([])).toBe(0)
    expect(queuedRequests([1, 150])).toBe(6)
  })
})
