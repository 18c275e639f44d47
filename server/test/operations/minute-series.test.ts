import { describe, expect, it } from 'vitest'
import { buildSeries, latencySeries, p95Ms } from '../../src/metrics/minute-series'

describe('latency buckets and their p95', () => {
  it.each([
    [0.01, 'pushLatency:0.05'],
    [0.05, 'pushLatency:0.05'],
    [0.7, 'pushLatency:1'],
    [7200, 'pushLatency:+Inf'],
  ])('%s s lands in %s', (s, name) => expect(latencySeries('push', s)).toBe(name))

  it.each([
    ['no observations', [], null],
    ['all in one bucket: interpolated inside it', [[1, 100]], 950],
    [
      '95 fast, 5 slow: the 95th is the fast bucket top',
      [
        [0.1, 95],
        [10, 5],
      ],
      100,
    ],
    [
      '94 fast, 6 slow: inside the slow bucket',
      [
        [0.1, 94],
        [10, 6],
      ],
      1750,
    ],
    [
      'beyond the last bound: the bound',
      [
        [3600, 1],
        [Number.POSITIVE_INFINITY, 99],
      ],
      3_600_000,
    ],
  ] as [string, [number, number][], number | null][])('%s', (_name, buckets, expected) => {
    expect(p95Ms(new Map(buckets))).toBe(expected)
  })
})

describe('the columnar series', () => {
  const since = new Date('2026-12-02T10:00:00Z')
  const until = new Date('2026-12-02T10:05:00Z')
  const m = (i: number) => new Date(since.getTime() + i * 60_000)

  it('keeps only sampled minutes; counters absent are 0, gauges absent are null, p95 from summed buckets', () => {
    const s = buildSeries(
      [
        { minute: m(0), series: 'itemsPushed', value: 3 },
        { minute: m(0), series: 'queueDepth', value: 7 },
        { minute: m(0), series: 'pushLatency:1', value: 2 },
        { minute: m(0), series: 'pushLatency:1', value: 2 },
        { minute: m(2), series: 'webflow429', value: 5 },
      ],
      since,
      until,
    )
    expect(s.at).toEqual([m(0).getTime() / 1000, m(2).getTime() / 1000])
    expect(s.series.itemsPushed).toEqual([3, 0])
    expect(s.series.webflow429).toEqual([0, 5])
    expect(s.series.queueDepth).toEqual([7, null])
    expect(s.series.p95PushMs).toEqual([950, null])
    expect(s.series.p95PullMs).toEqual([null, null])
    expect(Object.keys(s.series)).toHaveLength(14)
  })
})
