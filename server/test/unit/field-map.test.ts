import type { HubFieldType } from '@bindery/shared/hub'
import { describe, expect, it } from 'vitest'
import {
  type DroppedValue,
  fromWebflow,
  hubStatusOf,
  isLive,
  referencedIds,
  toWebflow,
  webflowStateOf,
} from '../../src/sync/field-map'
import type { FieldMapEntry, WebflowState } from '../../src/vocabulary/hub-content'
import { content, FIELD_MAP, webflowItem } from './builders'

/** Hub ids ↔ Webflow ids of the referenced items: `hub-a` ↔ `wf-a`; `hub-new` has no Webflow item yet. */
const toWebflowId = (id: string) => (id === 'hub-new' ? undefined : id.replace(/^hub-/, 'wf-'))
const toHubId = (id: string) => (id === 'wf-unknown' ? undefined : id.replace(/^wf-/, 'hub-'))

const field = (type: HubFieldType, o: Partial<FieldMapEntry> = {}): FieldMapEntry => ({
  hubSlug: 'value',
  webflowSlug: 'wf-value',
  webflowFieldId: 'f-value',
  type,
  ...o,
})

describe('toWebflow: one hub value → Webflow fieldData', () => {
  const cases: {
    name: string
    f: FieldMapEntry
    value: unknown
    sent?: unknown
    unresolved?: boolean
    error?: RegExp
  }[] = [
    { name: 'plain text as is', f: field('text'), value: 'Hello', sent: 'Hello' },
    { name: 'a number as is', f: field('number'), value: 42, sent: 42 },
    { name: 'a boolean false as is (not cleared)', f: field('boolean'), value: false, sent: false },
    { name: 'rich text as is', f: field('richText'), value: '<p>Hi</p>', sent: '<p>Hi</p>' },
    { name: 'an absent value clears the field', f: field('text'), value: undefined, sent: null },
    { name: 'a null value clears the field', f: field('text'), value: null, sent: null },
    { name: 'a select option by its id', f: FIELD_MAP[2]!, value: 'Blue', sent: 'opt-blue' },
    { name: 'a renamed select option by its old name', f: FIELD_MAP[2]!, value: 'Crimson', sent: 'opt-red' },
    {
      name: 'an unknown select option: an error, nothing sent',
      f: FIELD_MAP[2]!,
      value: 'Green',
      error: /colour: option "Green" does not exist in Webflow/,
    },
    { name: 'a reference by its Webflow id', f: field('reference'), value: 'hub-a', sent: 'wf-a' },
    {
      name: 'a reference not yet in Webflow: left out and reported',
      f: field('reference'),
      value: 'hub-new',
      unresolved: true,
    },
    {
      name: 'multi-references keep their order',
      f: field('multiReference'),
      value: ['hub-b', 'hub-a', 'hub-c'],
      sent: ['wf-b', 'wf-a', 'wf-c'],
    },
    {
      name: 'multi-references with one not yet in Webflow: the whole field waits',
      f: field('multiReference'),
      value: ['hub-a', 'hub-new'],
      unresolved: true,
    },
    { name: 'an empty multi-reference', f: field('multiReference'), value: [], sent: [] },
    {
      name: 'an image keeps url and alt',
      f: field('image'),
      value: { url: 'https://x/a.png', alt: 'A' },
      sent: { url: 'https://x/a.png', alt: 'A' },
    },
    {
      name: 'an image without alt sends no alt',
      f: field('image'),
      value: { url: 'https://x/a.png', alt: null, fileId: 'x' },
      sent: { url: 'https://x/a.png' },
    },
    {
      name: 'a gallery, in order',
      f: field('images'),
      value: [{ url: 'https://x/2.png' }, { url: 'https://x/1.png', alt: 'one' }],
      sent: [{ url: 'https://x/2.png' }, { url: 'https://x/1.png', alt: 'one' }],
    },
  ]
  it.each(cases)('$name', ({ f, value, sent, unresolved, error }) => {
    const w = toWebflow(content({ fields: { [f.hubSlug]: value } }), [f], toWebflowId)
    if (error) {
      expect(w.errors).toEqual([expect.stringMatching(error)])
      expect(w.fieldData).not.toHaveProperty(f.webflowSlug)
      return
    }
    expect(w.errors).toEqual([])
    expect(w.unresolved).toEqual(unresolved ? [f.hubSlug] : [])
    if (unresolved) expect(w.fieldData).not.toHaveProperty(f.webflowSlug)
    else expect(w.fieldData[f.webflowSlug]).toEqual(sent)
  })

  it('always sends name and slug, and nothing outside the field map', () => {
    const w = toWebflow(
      content({ name: 'N', slug: 's', fields: { summary: 'x', extra: 'y' } }),
      [FIELD_MAP[0]!],
      toWebflowId,
    )
    expect(w.fieldData).toEqual({ name: 'N', slug: 's', summary: 'x' })
  })
})

describe('fromWebflow: one Webflow value → hub content', () => {
  const cases: { name: string; f: FieldMapEntry; raw: unknown; value?: unknown; dropped?: RegExp }[] = [
    { name: 'plain text as is', f: field('text'), raw: 'Hello', value: 'Hello' },
    { name: 'an empty string is absent', f: field('text'), raw: '', value: undefined },
    { name: 'null is absent', f: field('text'), raw: null, value: undefined },
    { name: 'a number zero is kept', f: field('number'), raw: 0, value: 0 },
    { name: 'a select option id by its name', f: FIELD_MAP[2]!, raw: 'opt-blue', value: 'Blue' },
    { name: 'an unknown option id is absent', f: FIELD_MAP[2]!, raw: 'opt-gone', value: undefined },
    { name: 'a reference by its hub id', f: field('reference'), raw: 'wf-a', value: 'hub-a' },
    {
      name: 'a reference the hub lacks is absent',
      f: field('reference'),
      raw: 'wf-unknown',
      value: undefined,
    },
    {
      name: 'multi-references keep their order and drop unknown ones',
      f: field('multiReference'),
      raw: ['wf-c', 'wf-unknown', 'wf-a'],
      value: ['hub-c', 'hub-a'],
    },
    {
      name: 'a date in canonical ISO form',
      f: field('date'),
      raw: '2026-03-01T10:00:00Z',
      value: '2026-03-01T10:00:00.000Z',
    },
    {
      name: 'an image keeps url and alt, not the fileId',
      f: field('image'),
      raw: { fileId: 'f1', url: 'https://cdn/a.png', alt: 'A' },
      value: { url: 'https://cdn/a.png', alt: 'A' },
    },
    { name: 'a safe link', f: field('link'), raw: 'mailto:a@b.c', value: 'mailto:a@b.c' },
    {
      name: 'a javascript: link is dropped and reported',
      f: field('link'),
      raw: 'javascript:alert(1)',
      value: undefined,
      dropped: /scheme "javascript:"/,
    },
    {
      name: 'a data: image is dropped and reported',
      f: field('image'),
      raw: { url: 'data:image/png;base64,AAAA' },
      value: undefined,
      dropped: /scheme "data:"/,
    },
    {
      name: 'a video must be a web URL',
      f: field('video'),
      raw: 'mailto:a@b.c',
      value: undefined,
      dropped: /scheme "mailto:"/,
    },
    {
      name: 'a gallery keeps its safe images only',
      f: field('images'),
      raw: [{ url: 'javascript:x' }, { url: 'https://cdn/1.png' }],
      value: [{ url: 'https://cdn/1.png' }],
      dropped: /scheme "javascript:"/,
    },
  ]
  it.each(cases)('$name', ({ f, raw, value, dropped }) => {
    const out: DroppedValue[] = []
    const c = fromWebflow(webflowItem({ fieldData: { [f.webflowSlug]: raw } }), [f], toHubId, out)
    expect(c.fields[f.hubSlug]).toEqual(value)
    expect(out.map((d) => d.reason)).toEqual(dropped ? [expect.stringMatching(dropped)] : [])
  })

  it('reads name, slug and status, and leaves unmapped fields out', () => {
    const c = fromWebflow(
      webflowItem({ published: true, fieldData: { name: 'N', slug: 's', summary: 'x', other: 'y' } }),
      [FIELD_MAP[0]!],
      toHubId,
    )
    expect(c).toEqual({ name: 'N', slug: 's', status: 'published', fields: { summary: 'x' } })
  })
})

describe('toWebflow then fromWebflow: what the hub sent reads back the same', () => {
  const cases: { name: string; fields: Record<string, unknown> }[] = [
    { name: 'text', fields: { summary: 'Hello' } },
    { name: 'rich text', fields: { body: '<p>Hi <em>there</em></p>' } },
    { name: 'a select option', fields: { colour: 'Red' } },
    { name: 'a reference', fields: { author: 'hub-a' } },
    { name: 'references in order', fields: { tags: ['hub-c', 'hub-a', 'hub-b'] } },
    { name: 'everything cleared', fields: {} },
  ]
  it.each(cases)('$name', ({ fields }) => {
    const sent = content({ status: 'published', fields })
    const w = toWebflow(sent, FIELD_MAP, toWebflowId)
    const back = fromWebflow(webflowItem({ published: true, fieldData: w.fieldData }), FIELD_MAP, toHubId)
    expect(back).toEqual(sent)
  })
})

describe('webflowStateOf and hubStatusOf: Webflow item states', () => {
  const published = '2026-01-01T00:00:00.000Z'
  const later = '2026-01-02T00:00:00.000Z'
  const cases: {
    name: string
    item: Parameters<typeof webflowStateOf>[0]
    state: WebflowState
    status: string
    live: boolean
  }[] = [
    {
      name: 'a draft',
      item: { isArchived: false, isDraft: true, lastPublished: null },
      state: 'draft',
      status: 'draft',
      live: false,
    },
    {
      name: 'queued for the next site publish',
      item: { isArchived: false, isDraft: false, lastPublished: null },
      state: 'queued',
      status: 'published',
      live: false,
    },
    {
      name: 'published',
      item: { isArchived: false, isDraft: false, lastPublished: published, lastUpdated: published },
      state: 'published',
      status: 'published',
      live: true,
    },
    {
      name: 'published, with a newer staged edit',
      item: { isArchived: false, isDraft: false, lastPublished: published, lastUpdated: later },
      state: 'changes_queued',
      status: 'published',
      live: true,
    },
    {
      name: 'published, with changes in draft',
      item: { isArchived: false, isDraft: true, lastPublished: published },
      state: 'changes_in_draft',
      status: 'published',
      live: true,
    },
    {
      name: 'archived, whatever else',
      item: { isArchived: true, isDraft: false, lastPublished: published },
      state: 'archived',
      status: 'archived',
      live: false,
    },
  ]
  it.each(cases)('$name', ({ item, state, status, live }) => {
    expect(webflowStateOf(item)).toBe(state)
    expect(hubStatusOf(item)).toBe(status)
    expect(isLive(webflowStateOf(item))).toBe(live)
  })
})

describe('referencedIds: the ids a batch of items references', () => {
  const cases: {
    name: string
    records: Record<string, unknown>[]
    key: 'hubSlug' | 'webflowSlug'
    ids: string[]
  }[] = [
    { name: 'none', records: [{ summary: 'x' }], key: 'hubSlug', ids: [] },
    {
      name: 'single and multi references, each id once',
      records: [{ author: 'a', tags: ['b', 'a'] }, { author: 'c' }],
      key: 'hubSlug',
      ids: ['a', 'b', 'c'],
    },
    {
      name: 'keyed by the Webflow slug',
      records: [{ author: 'wf-a', tags: ['wf-b'] }],
      key: 'webflowSlug',
      ids: ['wf-a', 'wf-b'],
    },
  ]
  it.each(cases)('$name', ({ records, key, ids }) => {
    expect(referencedIds(FIELD_MAP, records, key).sort()).toEqual(ids)
  })
})
