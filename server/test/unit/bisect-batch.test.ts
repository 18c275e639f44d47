import type { WebflowErrorDetail } from '@bindery/shared/webflow'
import { describe, expect, it } from 'vitest'
import { bisectRefused } from '../../src/sync/bisect-batch'

const batch = (n: number) => Array.from({ length: n }, (_, i) => `item${i}`)
const refusal = (...details: WebflowErrorDetail[]) => ({ message: 'Validation Error', details })

describe('bisectRefused: what a 400 on a bulk write leads to', () => {
  const cases: {
    name: string
    size: number
    details: WebflowErrorDetail[]
    halves?: [string[], string[]]
    culprits?: Record<string, string>
    rest?: string[]
  }[] = [
    {
      name: 'names no item: halved, the odd one in the first half',
      size: 5,
      details: [],
      halves: [
        ['item0', 'item1', 'item2'],
        ['item3', 'item4'],
      ],
    },
    {
      name: 'names no item, two items: one each',
      size: 2,
      details: [{ param: 'fieldData', description: 'bad' }],
      halves: [['item0'], ['item1']],
    },
    {
      name: 'a batch of one is its own culprit, even unnamed',
      size: 1,
      details: [],
      culprits: { item0: 'Validation Error' },
      rest: [],
    },
    {
      name: 'a batch of one, with a detail about no item in particular',
      size: 1,
      details: ['slug is too long'],
      culprits: { item0: 'Validation Error: slug is too long' },
      rest: [],
    },
    {
      name: 'names one item: it fails alone, the rest is sent again',
      size: 4,
      details: [{ param: 'items[2].fieldData.slug', description: 'invalid' }],
      culprits: { item2: 'Validation Error: items[2].fieldData.slug: invalid' },
      rest: ['item0', 'item1', 'item3'],
    },
    {
      name: 'names two items: each gets its own reason',
      size: 3,
      details: [
        { param: 'items[0].fieldData.name', description: 'required' },
        { param: 'items[2].fieldData.price', description: 'not a number' },
      ],
      culprits: {
        item0: 'Validation Error: items[0].fieldData.name: required',
        item2: 'Validation Error: items[2].fieldData.price: not a number',
      },
      rest: ['item1'],
    },
    {
      name: 'a general detail goes with every named item',
      size: 2,
      details: ['check the field types', { param: 'items[1].fieldData.x', description: 'bad' }],
      culprits: { item1: 'Validation Error: check the field types; items[1].fieldData.x: bad' },
      rest: ['item0'],
    },
    {
      name: 'an index past the batch (a stale answer) names nobody: halved',
      size: 2,
      details: [{ param: 'items[7].fieldData.slug', description: 'invalid' }],
      halves: [['item0'], ['item1']],
    },
    {
      name: 'names every item: nothing is sent again',
      size: 2,
      details: [
        { param: 'items[0].fieldData.slug', description: 'Unique value is already in database' },
        { param: 'items[1].fieldData.slug', description: 'Unique value is already in database' },
      ],
      culprits: {
        item0: 'Validation Error: items[0].fieldData.slug: Unique value is already in database',
        item1: 'Validation Error: items[1].fieldData.slug: Unique value is already in database',
      },
      rest: [],
    },
    {
      name: 'the same item named twice: one culprit with both reasons',
      size: 2,
      details: [
        { param: 'items[1].fieldData.a', description: 'bad' },
        { param: 'items[1].fieldData.b', description: 'worse' },
      ],
      culprits: { item1: 'Validation Error: items[1].fieldData.a: bad; items[1].fieldData.b: worse' },
      rest: ['item0'],
    },
  ]
  it.each(cases)('$name', ({ size, details, halves, culprits, rest }) => {
    const out = bisectRefused(batch(size), refusal(...details))
    if (halves) {
      expect(out).toEqual({ kind: 'halve', halves })
      return
    }
    expect(out.kind).toBe('culprits')
    if (out.kind !== 'culprits') return
    expect(Object.fromEntries(out.culprits.map((c) => [c.item, c.reason]))).toEqual(culprits)
    expect(out.rest).toEqual(rest)
  })
})

describe('bisectRefused: halving finds every culprit of a batch Webflow refuses without naming', () => {
  /** Plays Webflow refusing any batch holding a bad item without saying which; counts the requests. */
  function isolate(items: string[], bad: Set<string>) {
    let requests = 0
    const failed: string[] = []
    const sent: string[] = []
    const send = (b: string[]): void => {
      if (!b.length) return
      requests++
      if (!b.some((i) => bad.has(i))) {
        sent.push(...b)
        return
      }
      const next = bisectRefused(b, refusal())
      if (next.kind === 'halve') for (const half of next.halves) send(half)
      else {
        failed.push(...next.culprits.map((c) => c.item))
        send(next.rest)
      }
    }
    send(items)
    return { requests, failed, sent }
  }

  const cases: { name: string; size: number; bad: string[]; maxRequests: number }[] = [
    { name: 'no bad item: one request', size: 100, bad: [], maxRequests: 1 },
    { name: 'one bad item in 100: about 2·log2(100) requests', size: 100, bad: ['item37'], maxRequests: 15 },
    { name: 'the first item bad', size: 100, bad: ['item0'], maxRequests: 15 },
    { name: 'the last item bad', size: 100, bad: ['item99'], maxRequests: 15 },
    { name: 'two bad items far apart', size: 100, bad: ['item3', 'item90'], maxRequests: 29 },
    { name: 'every item bad: each ends alone', size: 8, bad: batch(8), maxRequests: 15 },
  ]
  it.each(cases)('$name', ({ size, bad, maxRequests }) => {
    const items = batch(size)
    const out = isolate(items, new Set(bad))
    expect(out.failed.sort()).toEqual([...bad].sort())
    expect(out.sent.sort()).toEqual(items.filter((i) => !bad.includes(i)).sort())
    expect(out.requests).toBeLessThanOrEqual(maxRequests)
  })
})
