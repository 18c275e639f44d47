import type { CollectionItem } from '@bindery/shared/webflow'
import { describe, expect, it } from 'vitest'
import { guardWrite, isSchemaError, requiredUnmappedOf } from '../../src/sync/schema-guard'
import { schemaSuspect } from '../../src/sync/schema-recheck'
import type { FieldMapEntry } from '../../src/vocabulary/hub-content'

// Pure: what Webflow's schema demands of a write, and when an incoming item calls for a schema read.

const rating: FieldMapEntry = {
  hubSlug: 'rating',
  webflowSlug: 'rating',
  webflowFieldId: 'f1',
  type: 'number',
  webflowName: 'Rating',
  required: true,
}
const kind: FieldMapEntry = {
  hubSlug: 'kind',
  webflowSlug: 'kind',
  webflowFieldId: 'f2',
  type: 'select',
  options: { news: 'o1' },
}
const sku = { slug: 'sku', name: 'SKU' }

describe('guardWrite', () => {
  it.each([
    { name: 'update with a value', data: { rating: 3 }, creating: false, out: { fieldData: { rating: 3 } } },
    {
      name: 'update clearing a required field: the null is not sent',
      data: { rating: null },
      creating: false,
      out: { fieldData: {} },
    },
    { name: 'create with a value', data: { rating: 3 }, creating: true, out: { fieldData: { rating: 3 } } },
    {
      name: 'create without a required value: held with the reason',
      data: { rating: null },
      creating: true,
      out: { blocked: expect.stringMatching(/requires "Rating" \(hub field rating\)/) },
    },
  ])('$name', ({ data, creating, out }) => {
    expect(guardWrite(data, [rating], [], creating)).toEqual(out)
  })

  it('holds every create while a required Webflow field is not synced, and lets updates through', () => {
    expect(guardWrite({ rating: 3 }, [rating], [sku], true)).toEqual({
      blocked: expect.stringMatching(/"SKU" \(not synced\).*or sync the field/),
    })
    expect(guardWrite({ rating: 3 }, [rating], [sku], false)).toEqual({ fieldData: { rating: 3 } })
  })

  it('lists the required Webflow fields no mapping fills', () => {
    const known = {
      f0: { slug: 'name', name: 'Name', type: 'PlainText', required: true },
      f1: { slug: 'rating', name: 'Rating', type: 'Number', required: true },
      f9: { slug: 'sku', name: 'SKU', type: 'PlainText', required: true },
      f8: { slug: 'note', name: 'Note', type: 'PlainText', required: false },
    }
    expect(requiredUnmappedOf(known, [rating])).toEqual([sku])
    expect(requiredUnmappedOf(null, [rating])).toEqual([])
  })
})

describe('isSchemaError', () => {
  it.each([
    ["Validation Error: items[0].fieldData.rating: Field not described in schema: 'rating'", true],
    ['Validation Error: rating: Field is required', true],
    ["Validation Error: kind: Unknown option id 'x'", true],
    ['kind: option "old" does not exist in Webflow', true],
    ['Validation Error: slug: Unique value is already in database', false],
  ])('%s → %s', (message, expected) => expect(isSchemaError(message)).toBe(expected))
})

describe('schemaSuspect', () => {
  const item = (fieldData: Record<string, unknown>) => ({ fieldData }) as unknown as CollectionItem
  const base = { name: 'a', slug: 'a', status: 'published' as const, fields: { rating: 3, kind: 'news' } }
  it.each([
    { name: 'nothing new', data: { rating: 3, kind: 'o1' }, base, out: false },
    { name: 'an Option id the map does not know', data: { rating: 3, kind: 'o9' }, base, out: true },
    {
      name: 'a value the last sync had is gone (deleted field or cleared)',
      data: { kind: 'o1' },
      base,
      out: true,
    },
    { name: 'no synced snapshot: a new item', data: {}, base: null, out: false },
  ])('$name', ({ data, base, out }) => expect(schemaSuspect([rating, kind], item(data), base)).toBe(out))
})
