import { WebhookDelivery } from '@bindery/shared/webflow'
import { describe, expect, it } from 'vitest'
import { dedupeKey } from '../../src/webhooks/dedupe-key'

/** A delivery as the webhook route has it: the raw body and what it parses to. */
function delivered(body: unknown, timestamp = '1700000000000') {
  const raw = Buffer.from(JSON.stringify(body))
  return dedupeKey(WebhookDelivery.parse(body), raw, timestamp)
}

const item = (o: Record<string, unknown> = {}, triggerType = 'collection_item_changed') => ({
  triggerType,
  payload: {
    id: 'wf-1',
    siteId: 'site-1',
    collectionId: 'col-1',
    lastUpdated: '2026-01-01T10:00:00.000Z',
    lastPublished: null,
    ...o,
  },
})

describe('dedupeKey: the same event counts once, a new one never collides', () => {
  const same: { name: string; a: [unknown, string?]; b: [unknown, string?] }[] = [
    {
      name: 'a retry of an item event re-signed with a new timestamp',
      a: [item(), '1700000000000'],
      b: [item(), '1700000099999'],
    },
    {
      name: 'an item event with its fields in another order',
      a: [item({ fieldData: { name: 'A', slug: 'a' } })],
      b: [
        {
          payload: { ...item().payload, fieldData: { slug: 'a', name: 'A' } },
          triggerType: 'collection_item_changed',
        },
      ],
    },
    {
      name: 'a retry of a site publish',
      a: [
        {
          triggerType: 'site_publish',
          payload: { siteId: 'site-1', publishedOn: '2026-01-01T10:00:00.000Z' },
        },
        '1',
      ],
      b: [
        {
          triggerType: 'site_publish',
          payload: { siteId: 'site-1', publishedOn: '2026-01-01T10:00:00.000Z' },
        },
        '2',
      ],
    },
    {
      name: "a site publish in v1 names (`site`, `publishTime`) and in v2's",
      a: [
        {
          triggerType: 'site_publish',
          payload: { site: 'site-1', publishTime: Date.parse('2026-01-01T10:00:00.000Z') },
        },
      ],
      b: [
        {
          triggerType: 'site_publish',
          payload: { siteId: 'site-1', publishedOn: '2026-01-01T10:00:00.000Z' },
        },
      ],
    },
    {
      name: 'an ids-only delete sent again with the same timestamp (a plain retry)',
      a: [item({ lastUpdated: undefined }, 'collection_item_deleted'), '5'],
      b: [item({ lastUpdated: undefined }, 'collection_item_deleted'), '5'],
    },
  ]
  it.each(same)('same key: $name', ({ a, b }) => {
    expect(delivered(...a)).toBe(delivered(...b))
  })

  const different: { name: string; a: [unknown, string?]; b: [unknown, string?] }[] = [
    { name: 'a new edit of the item', a: [item()], b: [item({ lastUpdated: '2026-01-01T10:05:00.000Z' })] },
    {
      name: 'a publish of the same edit',
      a: [item()],
      b: [item({ lastPublished: '2026-01-01T10:06:00.000Z' })],
    },
    { name: 'another item', a: [item()], b: [item({ id: 'wf-2' })] },
    {
      name: 'another locale of the item',
      a: [item({ cmsLocaleId: 'loc-fr' })],
      b: [item({ cmsLocaleId: 'loc-de' })],
    },
    { name: 'the primary locale and a secondary one', a: [item()], b: [item({ cmsLocaleId: 'loc-fr' })] },
    {
      name: 'another trigger about the same item version',
      a: [item({}, 'collection_item_changed')],
      b: [item({}, 'collection_item_published')],
    },
    {
      name: 'an ids-only unpublish sent again later (unpublished twice)',
      a: [item({ lastUpdated: undefined }, 'collection_item_unpublished'), '1700000000000'],
      b: [item({ lastUpdated: undefined }, 'collection_item_unpublished'), '1700000600000'],
    },
    {
      name: 'ids-only deletes of two items',
      a: [item({ lastUpdated: undefined }, 'collection_item_deleted')],
      b: [item({ id: 'wf-2', lastUpdated: undefined }, 'collection_item_deleted')],
    },
    {
      name: 'two site publishes',
      a: [
        {
          triggerType: 'site_publish',
          payload: { siteId: 'site-1', publishedOn: '2026-01-01T10:00:00.000Z' },
        },
      ],
      b: [
        {
          triggerType: 'site_publish',
          payload: { siteId: 'site-1', publishedOn: '2026-01-01T11:00:00.000Z' },
        },
      ],
    },
    {
      name: 'the same publish time on two sites',
      a: [
        {
          triggerType: 'site_publish',
          payload: { siteId: 'site-1', publishedOn: '2026-01-01T10:00:00.000Z' },
        },
      ],
      b: [
        {
          triggerType: 'site_publish',
          payload: { siteId: 'site-2', publishedOn: '2026-01-01T10:00:00.000Z' },
        },
      ],
    },
  ]
  it.each(different)('different keys: $name', ({ a, b }) => {
    expect(delivered(...a)).not.toBe(delivered(...b))
  })

  it('never carries the signature timestamp into an item event key', () => {
    expect(delivered(item(), '1700000012345')).not.toContain('1700000012345')
  })
})
