import type { DriftClass } from '@bindery/shared/api/reconcile'
import type { CollectionItem } from '@bindery/shared/webflow'
import { describe, expect, it } from 'vitest'
import type { HubItem } from '../../src/db/hub-items'
import type { HubRow, ItemLink } from '../../src/db/item-links'
import type { Link } from '../../src/db/links'
import { classifyDrift, type Drift, driftScope } from '../../src/reconcile/classify-drift'
import { classifyLinkedItem, type LinkedItemVerdict } from '../../src/reconcile/classify-linked-item'
import { classifyUnknownItem } from '../../src/reconcile/classify-unknown-item'
import { contentHash } from '../../src/sync/content-hash'
import { hubContentOf } from '../../src/sync/push-plan'
import { hubItem, link, row, webflowItem } from './builders'

const TWO_WAY = link()
const PUSH_ONLY = link({ direction: 'push-only' })
const PULL_ONLY = link({ direction: 'pull-only' })
/** What an item link records for content it synced. */
const hashOf = (item: Partial<HubItem>) => contentHash(hubContentOf(hubItem(item), TWO_WAY))
const SYNCED = hashOf({})

const snapshot = (staged: CollectionItem[], live: CollectionItem[] = []) => ({
  staged: new Map(staged.map((i) => [i.id, i])),
  live: new Map(live.map((i) => [i.id, i])),
})
const scopeOf = (l: Link, rows: HubRow[], staged: CollectionItem[], live: CollectionItem[] = []) =>
  driftScope(l, rows, snapshot(staged, live), new Map())

/** What a user reads in the drift report for an item, and what the repair does. */
const outcome = (d: Drift) => ({
  cls: d.cls,
  repair: d.repair.kind,
  ...(d.confirmGone ? { confirmGone: d.confirmGone } : {}),
})

describe('classifyUnknownItem: a Webflow item no item link knows', () => {
  /** The hub item `post`, linked to `wf-1`, which Webflow lists. */
  const linkedPost = row(
    { id: 'hub-1', slug: 'post' },
    { id: 'il-1', webflowItemId: 'wf-1', syncedHash: SYNCED },
  )
  const linked = webflowItem({ id: 'wf-1' })
  const cases: {
    name: string
    l?: Link
    rows: HubRow[]
    item: CollectionItem
    kind: string
    drift?: { cls: DriftClass; repair: string }
    hubItemId?: string | null
  }[] = [
    {
      name: 'new in Webflow, two-way: imported into the hub',
      rows: [],
      item: webflowItem({ id: 'wf-9', fieldData: { slug: 'fresh' } }),
      kind: 'new',
      drift: { cls: 'missingInHub', repair: 'pull' },
      hubItemId: null,
    },
    {
      name: 'new in Webflow, push-only: reported, left alone',
      l: PUSH_ONLY,
      rows: [],
      item: webflowItem({ id: 'wf-9', fieldData: { slug: 'fresh' } }),
      kind: 'new',
      drift: { cls: 'missingInHub', repair: 'none' },
    },
    {
      name: 'new in Webflow, pull-only: imported',
      l: PULL_ONLY,
      rows: [],
      item: webflowItem({ id: 'wf-9', fieldData: { slug: 'fresh' } }),
      kind: 'new',
      drift: { cls: 'missingInHub', repair: 'pull' },
    },
    {
      name: 'same slug as a hub item that never reached Webflow: pulled into it',
      rows: [row({ id: 'hub-2', slug: 'about' }, { webflowItemId: null })],
      item: webflowItem({ id: 'wf-9', fieldData: { slug: 'about' } }),
      kind: 'unlinkedMatch',
      drift: { cls: 'missingInHub', repair: 'pull' },
      hubItemId: 'hub-2',
    },
    {
      name: 'same slug as a hub item this link has no item link for: pulled into it',
      rows: [row({ id: 'hub-2', slug: 'about' }, null)],
      item: webflowItem({ id: 'wf-9', fieldData: { slug: 'about' } }),
      kind: 'unlinkedMatch',
      drift: { cls: 'missingInHub', repair: 'pull' },
      hubItemId: 'hub-2',
    },
    {
      name: 'same slug as a hub item whose create is in flight: the push settles it',
      rows: [row({ id: 'hub-2', slug: 'about' }, { webflowItemId: null, createSentAt: new Date() })],
      item: webflowItem({ id: 'wf-9', fieldData: { slug: 'about' } }),
      kind: 'inFlight',
    },
    {
      name: 'same slug as a hub item with a push pending: the push settles it',
      rows: [row({ id: 'hub-2', slug: 'about' }, { webflowItemId: null, dirty: true })],
      item: webflowItem({ id: 'wf-9', fieldData: { slug: 'about' } }),
      kind: 'inFlight',
    },
    {
      name: 'same slug as a hub item linked to another listed Webflow item: a duplicate, deleted',
      rows: [linkedPost],
      item: webflowItem({ id: 'wf-9', fieldData: { slug: 'post' } }),
      kind: 'duplicate',
      drift: { cls: 'duplicate', repair: 'deleteWebflow' },
      hubItemId: 'hub-1',
    },
    {
      name: 'a duplicate on a pull-only link: reported, never deleted',
      l: PULL_ONLY,
      rows: [linkedPost],
      item: webflowItem({ id: 'wf-9', fieldData: { slug: 'post' } }),
      kind: 'duplicate',
      drift: { cls: 'duplicate', repair: 'none' },
    },
    {
      name: "Webflow's `-2` copy of a linked item with the same content: a duplicate",
      rows: [linkedPost],
      item: webflowItem({ id: 'wf-9', fieldData: { slug: 'post-2' } }),
      kind: 'duplicate',
      drift: { cls: 'duplicate', repair: 'deleteWebflow' },
      hubItemId: 'hub-1',
    },
    {
      name: 'a `-2` copy published while the original is a draft: still a duplicate',
      rows: [linkedPost],
      item: webflowItem({ id: 'wf-9', published: true, fieldData: { slug: 'post-2' } }),
      kind: 'duplicate',
      drift: { cls: 'duplicate', repair: 'deleteWebflow' },
    },
    {
      name: 'a `-2` slug with other content: a new item, not a copy',
      rows: [linkedPost],
      item: webflowItem({ id: 'wf-9', fieldData: { slug: 'post-2', summary: 'Another post' } }),
      kind: 'new',
      drift: { cls: 'missingInHub', repair: 'pull' },
    },
    {
      name: 'same slug as a hub item linked to a Webflow item gone from the listing: pulled into it',
      rows: [linkedPost],
      item: webflowItem({ id: 'wf-9', fieldData: { slug: 'post' } }),
      kind: 'unlinkedMatch',
      drift: { cls: 'missingInHub', repair: 'pull' },
      hubItemId: 'hub-1',
    },
    {
      name: 'same slug as a hub item deleted in the hub: new',
      rows: [row({ id: 'hub-2', slug: 'gone', deletedAt: new Date() }, { webflowItemId: null })],
      item: webflowItem({ id: 'wf-9', fieldData: { slug: 'gone' } }),
      kind: 'new',
      drift: { cls: 'missingInHub', repair: 'pull' },
    },
  ]
  it.each(cases)('$name', ({ l = TWO_WAY, rows, item, kind, drift, hubItemId }) => {
    // The linked item is listed except in the one case about its absence.
    const listed = kind === 'unlinkedMatch' && rows[0] === linkedPost ? [item] : [linked, item]
    const v = classifyUnknownItem(scopeOf(l, rows, listed), item)
    expect(v.kind).toBe(kind)
    if (v.kind === 'inFlight') return
    expect(outcome(v.drift)).toEqual(drift)
    expect(v.drift.sample.webflowItemId).toBe(item.id)
    if (hubItemId !== undefined) expect(v.drift.sample.hubItemId).toBe(hubItemId)
  })

  it('a same-slug duplicate keeps the linked item and says which', () => {
    const v = classifyUnknownItem(scopeOf(TWO_WAY, [linkedPost], [linked]), webflowItem({ id: 'wf-9' }))
    expect(v).toMatchObject({ kind: 'duplicate', keeps: 'il-1' })
  })
})

describe('classifyLinkedItem: a hub item and the Webflow item its item link names', () => {
  type Case = {
    name: string
    l?: Link
    hub?: Partial<HubItem>
    il?: Partial<ItemLink> | null
    staged?: CollectionItem | null
    live?: CollectionItem
    settled?: { adopted?: string[]; kept?: string[] }
    expected:
      | 'skip'
      | 'agree'
      | 'refresh'
      | { cls: DriftClass; repair: string; webflowWins?: boolean; confirmGone?: string }
  }
  const published = { status: 'published' as const }
  const cases: Case[] = [
    { name: 'both sides agree with what was synced', il: { syncedHash: SYNCED }, expected: 'agree' },
    {
      name: 'both agree, but the sync was not recorded: refreshed',
      il: { syncedHash: null },
      expected: 'refresh',
    },
    {
      name: 'edited in Webflow: pulled',
      il: { syncedHash: SYNCED },
      staged: webflowItem({ fieldData: { summary: 'Edited' } }),
      expected: { cls: 'changedInWebflow', repair: 'pull' },
    },
    {
      name: 'edited in Webflow, push-only link: the hub rewrites it',
      l: PUSH_ONLY,
      il: { syncedHash: SYNCED },
      staged: webflowItem({ fieldData: { summary: 'Edited' } }),
      expected: { cls: 'changedInWebflow', repair: 'push' },
    },
    {
      name: 'edited in the hub: pushed',
      hub: { fields: { summary: 'Edited' } },
      il: { syncedHash: SYNCED },
      expected: { cls: 'changedInHub', repair: 'push' },
    },
    {
      name: 'edited in the hub, pull-only link: Webflow wins',
      l: PULL_ONLY,
      hub: { fields: { summary: 'Edited' } },
      il: { syncedHash: SYNCED },
      expected: { cls: 'changedInHub', repair: 'pull', webflowWins: true },
    },
    {
      name: 'edited on both sides: pulled (a three-way merge)',
      hub: { fields: { summary: 'Hub edit' } },
      il: { syncedHash: SYNCED },
      staged: webflowItem({ fieldData: { summary: 'Webflow edit' } }),
      expected: { cls: 'changedInWebflow', repair: 'pull' },
    },
    {
      name: 'unpublished in Webflow since the last sync: a status mismatch, pulled',
      hub: published,
      il: { syncedHash: hashOf(published), webflowState: 'published' },
      expected: { cls: 'statusMismatch', repair: 'pull' },
    },
    {
      name: 'published in the hub since the last sync, a draft in Webflow: a status mismatch, pushed',
      hub: published,
      il: { syncedHash: SYNCED, webflowState: 'draft' },
      expected: { cls: 'statusMismatch', repair: 'push' },
    },
    {
      name: 'published on both sides and live with the same content',
      hub: published,
      il: { syncedHash: hashOf(published), webflowState: 'published' },
      staged: webflowItem({ published: true }),
      live: webflowItem({ published: true }),
      expected: 'agree',
    },
    {
      name: 'published, but the live copy is older than the staged one: a status mismatch',
      hub: published,
      il: { syncedHash: hashOf(published), webflowState: 'published' },
      staged: webflowItem({ published: true }),
      live: webflowItem({ published: true, fieldData: { summary: 'Old' } }),
      expected: { cls: 'statusMismatch', repair: 'push' },
    },
    {
      name: 'published, but missing from the live site: a status mismatch',
      hub: published,
      il: { syncedHash: hashOf(published), webflowState: 'published' },
      staged: webflowItem({ published: true }),
      expected: { cls: 'statusMismatch', repair: 'push' },
    },
    {
      name: 'queued for a site publish, as recorded: agree',
      hub: published,
      il: { syncedHash: hashOf(published), webflowState: 'queued' },
      staged: webflowItem({ isDraft: false }),
      expected: 'agree',
    },
    {
      name: 'queued for a site publish, never recorded: a status mismatch',
      hub: published,
      il: { syncedHash: hashOf(published), webflowState: 'published' },
      staged: webflowItem({ isDraft: false }),
      expected: { cls: 'statusMismatch', repair: 'push' },
    },
    {
      name: 'a draft in the hub still on the live site: a status mismatch',
      il: { syncedHash: SYNCED },
      live: webflowItem({ published: true }),
      expected: { cls: 'statusMismatch', repair: 'push' },
    },
    {
      name: 'archived on both sides',
      hub: { status: 'archived' },
      il: { syncedHash: hashOf({ status: 'archived' }), webflowState: 'archived' },
      staged: webflowItem({ isArchived: true }),
      expected: 'agree',
    },
    { name: 'a push pending: left to the sync', il: { dirty: true, syncedHash: 'old' }, expected: 'skip' },
    {
      name: 'a create in flight: left to the sync',
      il: { createSentAt: new Date(), webflowItemId: null },
      expected: 'skip',
    },
    {
      name: 'held for review: left alone',
      il: { syncState: 'conflict', syncedHash: 'old' },
      expected: 'skip',
    },
    {
      name: 'a failed write: left to its retry',
      il: { syncState: 'failed', syncedHash: 'old' },
      expected: 'skip',
    },
    {
      name: 'never reached Webflow, nothing pending: created',
      il: { webflowItemId: null },
      staged: null,
      expected: { cls: 'missingOnWebflow', repair: 'create' },
    },
    {
      name: 'never reached Webflow, no item link at all: created',
      il: null,
      staged: null,
      expected: { cls: 'missingOnWebflow', repair: 'create' },
    },
    {
      name: 'never reached Webflow, pull-only link: nothing to do',
      l: PULL_ONLY,
      il: { webflowItemId: null },
      staged: null,
      expected: 'skip',
    },
    {
      name: 'never reached Webflow, but an unlinked Webflow item is pulled into it',
      il: { webflowItemId: null },
      staged: null,
      settled: { adopted: ['hub-1'] },
      expected: 'skip',
    },
    {
      name: 'deleted in Webflow and archived in the hub by delete mode archive',
      hub: { status: 'archived' },
      il: { webflowItemId: null, webflowState: 'deleted' as ItemLink['webflowState'] },
      staged: null,
      expected: 'skip',
    },
    {
      name: 'gone from Webflow: recreated once the absence is confirmed',
      il: { syncedHash: SYNCED },
      staged: null,
      expected: { cls: 'missingOnWebflow', repair: 'create', confirmGone: 'wf-1' },
    },
    {
      name: 'gone from Webflow, pull-only link: the hub follows once confirmed',
      l: PULL_ONLY,
      il: { syncedHash: SYNCED },
      staged: null,
      expected: { cls: 'missingOnWebflow', repair: 'deleteHub', confirmGone: 'wf-1' },
    },
    {
      name: 'gone from Webflow and deleted in the hub: nothing left to do',
      hub: { deletedAt: new Date() },
      il: { syncedHash: SYNCED },
      staged: null,
      expected: 'skip',
    },
    {
      name: 'deleted in the hub, still in Webflow: the delete is pushed',
      hub: { deletedAt: new Date() },
      il: { syncedHash: SYNCED },
      expected: { cls: 'changedInHub', repair: 'push' },
    },
    {
      name: 'deleted in the hub, still in Webflow, pull-only link: Webflow brings it back',
      l: PULL_ONLY,
      hub: { deletedAt: new Date() },
      il: { syncedHash: SYNCED },
      expected: { cls: 'changedInHub', repair: 'pull' },
    },
    {
      name: 'deleted in the hub, archived in Webflow by delete mode archive',
      l: link({ deleteMode: 'archive' }),
      hub: { deletedAt: new Date() },
      il: { syncedHash: SYNCED },
      staged: webflowItem({ isArchived: true }),
      expected: 'skip',
    },
    {
      name: 'deleted in the hub, archived in Webflow, delete mode delete: the delete is pushed',
      hub: { deletedAt: new Date() },
      il: { syncedHash: SYNCED },
      staged: webflowItem({ isArchived: true }),
      expected: { cls: 'changedInHub', repair: 'push' },
    },
    {
      name: 'edited in Webflow while a duplicate of it is deleted: the hub rewrites the kept item',
      il: { syncedHash: SYNCED },
      staged: webflowItem({ fieldData: { summary: 'Edited' } }),
      settled: { kept: ['il-1'] },
      expected: { cls: 'changedInWebflow', repair: 'push' },
    },
  ]
  it.each(cases)('$name', ({ l = TWO_WAY, hub, il = {}, staged, live, settled, expected }) => {
    const r = row(hub, il)
    const listed = staged === null ? [] : [staged ?? webflowItem()]
    const v = classifyLinkedItem(scopeOf(l, [r], listed, live ? [live] : []), r, {
      adopted: new Set(settled?.adopted),
      keptAfterDuplicate: new Set(settled?.kept),
    })
    if (typeof expected === 'string') {
      expect(v.kind).toBe(expected)
      return
    }
    expect(v.kind).toBe('drift')
    const d = (v as Extract<LinkedItemVerdict, { kind: 'drift' }>).drift
    expect({
      ...outcome(d),
      ...(d.repair.kind === 'pull' && d.repair.webflowWins ? { webflowWins: true } : {}),
    }).toEqual(expected)
    expect(d.sample).toEqual({
      hubItemId: r.item.id,
      slug: r.item.slug,
      webflowItemId: r.itemLink?.webflowItemId ?? null,
    })
  })

  it('a refresh carries the Webflow content and its hash, to record the agreement', () => {
    const r = row({}, { syncedHash: null })
    const v = classifyLinkedItem(scopeOf(TWO_WAY, [r], [webflowItem()]), r, {
      adopted: new Set(),
      keptAfterDuplicate: new Set(),
    })
    expect(v).toMatchObject({
      kind: 'refresh',
      refresh: { hash: SYNCED, content: hubContentOf(r.item, TWO_WAY) },
    })
  })
})

describe('classifyDrift: one pass over both sides', () => {
  it('a Webflow item pulled into an unlinked hub item is not also created', () => {
    const rows = [row({ id: 'hub-2', slug: 'about' }, { id: 'il-2', webflowItemId: null })]
    const out = classifyDrift(
      TWO_WAY,
      rows,
      snapshot([webflowItem({ id: 'wf-9', fieldData: { slug: 'about' } })]),
      new Map(),
    )
    expect(out.drifts.map(outcome)).toEqual([{ cls: 'missingInHub', repair: 'pull' }])
  })

  it('a duplicate is deleted and its edited original rewritten from the hub', () => {
    const rows = [row({}, { syncedHash: SYNCED })]
    const staged = [webflowItem({ fieldData: { summary: 'Edited' } }), webflowItem({ id: 'wf-9' })]
    const out = classifyDrift(TWO_WAY, rows, snapshot(staged), new Map())
    expect(out.drifts.map(outcome)).toEqual([
      { cls: 'duplicate', repair: 'deleteWebflow' },
      { cls: 'changedInWebflow', repair: 'push' },
    ])
  })

  it('agreeing and refreshed items are both listed as linked; in-flight ones nowhere', () => {
    const rows = [
      row(
        { id: 'hub-1', slug: 'a' },
        { id: 'il-1', webflowItemId: 'wf-1', syncedHash: hashOf({ slug: 'a' }) },
      ),
      row({ id: 'hub-2', slug: 'b' }, { id: 'il-2', webflowItemId: 'wf-2', syncedHash: null }),
      row({ id: 'hub-3', slug: 'c' }, { id: 'il-3', webflowItemId: null, createSentAt: new Date() }),
    ]
    const staged = [
      webflowItem({ id: 'wf-1', fieldData: { slug: 'a' } }),
      webflowItem({ id: 'wf-2', fieldData: { slug: 'b' } }),
      webflowItem({ id: 'wf-3', fieldData: { slug: 'c' } }),
    ]
    const out = classifyDrift(TWO_WAY, rows, snapshot(staged), new Map())
    expect(out.drifts).toEqual([])
    expect(out.refresh.map((r) => r.itemLink.id)).toEqual(['il-2'])
    expect(out.linked.map((l) => l.itemLink.id)).toEqual(['il-1', 'il-2'])
  })

  it('an empty collection on both sides: nothing at all', () => {
    expect(classifyDrift(TWO_WAY, [], snapshot([]), new Map())).toEqual({
      drifts: [],
      refresh: [],
      linked: [],
    })
  })

  it('reads references through the hub ids it is given', () => {
    const l = link({
      fieldMap: [{ hubSlug: 'author', webflowSlug: 'author', webflowFieldId: 'f-a', type: 'reference' }],
    })
    const synced = contentHash(hubContentOf(hubItem({ fields: { author: 'hub-a' } }), l))
    const rows = [row({ fields: { author: 'hub-a' } }, { syncedHash: synced })]
    const staged = [webflowItem({ fieldData: { author: 'wf-a' } })]
    const out = classifyDrift(l, rows, snapshot(staged), new Map([['wf-a', 'hub-a']]))
    expect(out.drifts).toEqual([])
    expect(out.linked).toHaveLength(1)
  })
})
