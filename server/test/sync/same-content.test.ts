import { describe, expect, it } from 'vitest'
import { canonicalJson, contentHash, sameContent } from '../../src/sync/content-hash'
import { referencedIds } from '../../src/sync/field-map'
import type { FieldMapEntry, HubContent } from '../../src/vocabulary/hub-content'

// Pure: the one canonical JSON (a cleared value is a missing one) and what counts as "the same content".

describe('canonicalJson', () => {
  it.each([
    ['sorts keys at every depth', { b: 1, a: { d: 2, c: 3 } }, { a: { c: 3, d: 2 }, b: 1 }],
    ['drops a null member', { a: 1, b: null }, { a: 1 }],
    ['drops an undefined member', { a: 1, b: undefined }, { a: 1 }],
    ['drops a nested null member', { img: { url: 'u', alt: null } }, { img: { url: 'u' } }],
    ['an object of only nulls is an empty object', { a: null }, {}],
  ])('%s', (_, a, b) => {
    expect(canonicalJson(a)).toBe(canonicalJson(b))
  })

  it.each([
    ['keeps array order', ['a', 'b'], ['b', 'a']],
    ['keeps a null inside an array', [null, 'a'], ['a']],
    ['tells an empty string from a missing value', { a: '' }, {}],
    ['tells zero from a missing value', { a: 0 }, {}],
    ['tells false from a missing value', { a: false }, {}],
  ])('%s', (_, a, b) => {
    expect(canonicalJson(a)).not.toBe(canonicalJson(b))
  })
})

const item: HubContent = {
  name: 'Post',
  slug: 'post',
  status: 'published',
  fields: { body: '<p>x</p>', tags: ['a'] },
}

describe('sameContent', () => {
  it.each<[string, HubContent, boolean]>([
    ['the same item', { ...item }, true],
    ['fields in another key order', { ...item, fields: { tags: ['a'], body: '<p>x</p>' } }, true],
    ['a cleared field written as null', { ...item, fields: { ...item.fields, summary: null } }, true],
    ['another name', { ...item, name: 'Other' }, false],
    ['another slug', { ...item, slug: 'other' }, false],
    ['another status', { ...item, status: 'draft' }, false],
    ['a field value changed', { ...item, fields: { ...item.fields, tags: ['b'] } }, false],
    ['a field removed', { ...item, fields: { body: '<p>x</p>' } }, false],
  ])('%s → %s', (_, other, same) => {
    expect(sameContent(item, other)).toBe(same)
    // The content hash agrees with it: an echo of the same content hashes the same.
    expect(contentHash(item) === contentHash(other)).toBe(same)
  })

  it('ignores what a stored hub item carries besides its content', () => {
    const stored = { ...item, id: 'i1', version: 3, createdAt: new Date(), deletedAt: null }
    expect(sameContent(stored, item)).toBe(true)
  })
})

describe('referencedIds', () => {
  const map = [
    {
      hubSlug: 'author',
      webflowSlug: 'writer',
      webflowFieldId: 'f1',
      type: 'reference',
      webflowName: 'Author',
      required: false,
    },
    {
      hubSlug: 'tags',
      webflowSlug: 'labels',
      webflowFieldId: 'f2',
      type: 'multiReference',
      webflowName: 'Tags',
      required: false,
    },
    {
      hubSlug: 'title',
      webflowSlug: 'title',
      webflowFieldId: 'f3',
      type: 'text',
      webflowName: 'Title',
      required: false,
    },
  ] satisfies FieldMapEntry[]

  it('collects single and multi references once, by hub slug or by Webflow slug', () => {
    const hub = [{ author: 'h1', tags: ['h2', 'h1'], title: 'h9' }, undefined, { tags: null }]
    expect(referencedIds(map, hub, 'hubSlug').sort()).toEqual(['h1', 'h2'])
    const webflow = [{ writer: 'w1', labels: ['w2'], author: 'not-a-webflow-slug' }]
    expect(referencedIds(map, webflow, 'webflowSlug').sort()).toEqual(['w1', 'w2'])
  })

  it('is empty for a map without reference fields', () => {
    expect(referencedIds([map[2]!], [{ title: 'x' }], 'hubSlug')).toEqual([])
  })
})
