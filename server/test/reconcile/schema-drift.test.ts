import type { HubField } from '@bindery/shared/hub'
import type { Collection, Field } from '@bindery/shared/webflow'
import { describe, expect, it } from 'vitest'
import type { KnownFields } from '../../src/db/links'
import { compareSchema } from '../../src/sync/compare-schema'
import type { FieldMapEntry } from '../../src/vocabulary/hub-content'

// Pure: the schema drift classes and the safe reactions, no database, no simulator.

const sys: Field[] = [
  { id: 'fname', slug: 'name', displayName: 'Name', type: 'PlainText', isRequired: true },
  { id: 'fslug', slug: 'slug', displayName: 'Slug', type: 'PlainText', isRequired: true },
]
const bio: Field = { id: 'f1', slug: 'bio', displayName: 'Bio', type: 'PlainText', isRequired: false }
const kind = (options: { id: string; name: string }[]): Field => ({
  id: 'f2',
  slug: 'kind',
  displayName: 'Kind',
  type: 'Option',
  isRequired: false,
  validations: { options },
})
const col = (...fields: Field[]): Collection =>
  ({
    id: 'c1',
    displayName: 'Posts',
    singularName: 'Post',
    slug: 'posts',
    fields: [...sys, ...fields],
  }) as Collection

const bioEntry: FieldMapEntry = {
  hubSlug: 'bio',
  webflowSlug: 'bio',
  webflowFieldId: 'f1',
  type: 'text',
  webflowName: 'Bio',
  required: false,
}
const kindEntry: FieldMapEntry = {
  hubSlug: 'kind',
  webflowSlug: 'kind',
  webflowFieldId: 'f2',
  type: 'select',
  options: { News: 'o1', Guide: 'o2' },
  webflowName: 'Kind',
  required: false,
}
const hubFields: HubField[] = [
  { slug: 'bio', name: 'Bio', type: 'text', required: false },
  { slug: 'kind', name: 'Kind', type: 'select', required: false, options: ['News', 'Guide'] },
]
const knownOf = (c: Collection): KnownFields =>
  Object.fromEntries(
    c.fields.map((f) => [f.id, { slug: f.slug, name: f.displayName, type: f.type, required: f.isRequired }]),
  )
const before = col(
  bio,
  kind([
    { id: 'o1', name: 'News' },
    { id: 'o2', name: 'Guide' },
  ]),
)
const opts = (...o: [string, string][]) => kind(o.map(([id, name]) => ({ id, name })))

type Row = {
  name: string
  webflow: Collection | null
  kinds: string[]
  reactions: string[]
  map?: (m: FieldMapEntry[]) => void
}

const rows: Row[] = [
  { name: 'no change', webflow: before, kinds: [], reactions: [] },
  {
    name: 'field added in Webflow',
    webflow: col(bio, opts(['o1', 'News'], ['o2', 'Guide']), {
      id: 'f3',
      slug: 'tagline',
      displayName: 'Tagline',
      type: 'PlainText',
      isRequired: false,
    }),
    kinds: ['fieldAdded'],
    reactions: ['reported'],
  },
  {
    name: 'field renamed: slug kept, new name followed',
    webflow: col({ ...bio, displayName: 'Biography' }, opts(['o1', 'News'], ['o2', 'Guide'])),
    kinds: ['fieldRenamed'],
    reactions: ['followed'],
    map: (m) =>
      expect(m.find((e) => e.hubSlug === 'bio')).toMatchObject({
        webflowSlug: 'bio',
        webflowName: 'Biography',
      }),
  },
  {
    name: 'field deleted: unmapped',
    webflow: col(opts(['o1', 'News'], ['o2', 'Guide'])),
    kinds: ['fieldDeleted'],
    reactions: ['unmapped'],
    map: (m) => expect(m.map((e) => e.hubSlug)).toEqual(['kind']),
  },
  {
    name: 'field recreated under a suffixed slug: offered, not guessed',
    webflow: col({ ...bio, id: 'f9', slug: 'bio-1' }, opts(['o1', 'News'], ['o2', 'Guide'])),
    kinds: ['fieldRecreated'],
    reactions: ['needsAction'],
    map: (m) => expect(m.map((e) => e.hubSlug)).toEqual(['kind']),
  },
  {
    name: 'field type changed',
    webflow: col({ ...bio, type: 'RichText' }, opts(['o1', 'News'], ['o2', 'Guide'])),
    kinds: ['fieldTypeChanged'],
    reactions: ['needsAction'],
    map: (m) => expect(m.map((e) => e.hubSlug)).toEqual(['kind']),
  },
  {
    name: 'field made required',
    webflow: col({ ...bio, isRequired: true }, opts(['o1', 'News'], ['o2', 'Guide'])),
    kinds: ['fieldRequired'],
    reactions: ['createsBlocked'],
    map: (m) => expect(m.find((e) => e.hubSlug === 'bio')?.required).toBe(true),
  },
  {
    name: 'option added: in the map and the hub',
    webflow: col(bio, opts(['o1', 'News'], ['o2', 'Guide'], ['o3', 'Review'])),
    kinds: ['optionAdded'],
    reactions: ['hubOptionAdded'],
    map: (m) => expect(m.find((e) => e.hubSlug === 'kind')?.options).toMatchObject({ Review: 'o3' }),
  },
  {
    name: 'option renamed: follows the id, the old name kept as an alias',
    webflow: col(bio, opts(['o1', 'Newsroom'], ['o2', 'Guide'])),
    kinds: ['optionRenamed'],
    reactions: ['followed'],
    map: (m) => {
      const e = m.find((e) => e.hubSlug === 'kind')!
      expect(e.options).toEqual({ Newsroom: 'o1', Guide: 'o2' })
      expect(e.optionAliases).toEqual({ News: 'o1' })
    },
  },
  {
    name: 'option removed: reported, not in the map',
    webflow: col(bio, opts(['o1', 'News'])),
    kinds: ['optionRemoved'],
    reactions: ['reported'],
    map: (m) => expect(m.find((e) => e.hubSlug === 'kind')?.options).toEqual({ News: 'o1' }),
  },
  { name: 'collection deleted', webflow: null, kinds: ['collectionDeleted'], reactions: ['needsAction'] },
]

describe('compareSchema', () => {
  it.each(rows)('$name', ({ webflow, kinds, reactions, map }) => {
    const out = compareSchema({ map: [bioEntry, kindEntry], hubFields, webflow, known: knownOf(before) })
    expect(out.drifts.map((d) => d.kind)).toEqual(kinds)
    expect(out.drifts.map((d) => d.reaction)).toEqual(reactions)
    map?.(out.fieldMap)
  })

  it('reports nothing as added on the first check (no baseline), and learns the baseline', () => {
    const out = compareSchema({
      map: [{ ...bioEntry, webflowName: undefined, required: undefined }],
      hubFields,
      webflow: before,
      known: null,
    })
    expect(out.drifts).toEqual([])
    expect(Object.keys(out.known)).toEqual(['fname', 'fslug', 'f1', 'f2'])
    expect(out.fieldMap[0]).toMatchObject({ webflowName: 'Bio', required: false })
  })

  it('adds new options to the hub select and renames hub options by id', () => {
    const out = compareSchema({
      map: [kindEntry],
      hubFields,
      webflow: col(opts(['o1', 'Newsroom'], ['o2', 'Guide'], ['o3', 'Review'])),
      known: knownOf(before),
    })
    expect(out.hubOptions).toEqual([
      { hubSlug: 'kind', add: ['Review'], rename: [{ from: 'News', to: 'Newsroom' }] },
    ])
  })

  it('reports a hub option Webflow lacks (the Data API cannot add options)', () => {
    const out = compareSchema({
      map: [kindEntry],
      hubFields: [{ ...hubFields[1]!, options: ['News', 'Guide', 'Opinion'] }],
      webflow: before,
      known: knownOf(before),
    })
    expect(out.drifts).toMatchObject([{ kind: 'hubOptionMissing', option: { name: 'Opinion' } }])
  })

  it('lists required fields no mapping fills, and a required field added in Webflow blocks creates', () => {
    const added: Field = { id: 'f4', slug: 'sku', displayName: 'SKU', type: 'PlainText', isRequired: true }
    const out = compareSchema({
      map: [bioEntry, kindEntry],
      hubFields,
      webflow: col(
        bio,
        kind([
          { id: 'o1', name: 'News' },
          { id: 'o2', name: 'Guide' },
        ]),
        added,
      ),
      known: knownOf(before),
    })
    expect(out.drifts).toMatchObject([{ kind: 'fieldAdded', reaction: 'createsBlocked' }])
    expect(out.requiredUnmapped).toEqual([{ slug: 'sku', name: 'SKU' }])
  })

  it('does not take an unrelated new field for a recreated one', () => {
    const other: Field = {
      id: 'f9',
      slug: 'summary',
      displayName: 'Summary',
      type: 'PlainText',
      isRequired: false,
    }
    const out = compareSchema({ map: [bioEntry], hubFields, webflow: col(other), known: knownOf(before) })
    expect(out.drifts.map((d) => d.kind)).toEqual(['fieldDeleted', 'fieldAdded'])
  })
})
