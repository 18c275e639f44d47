import type { MetricSeries, MetricSeriesName } from '@bindery/shared/api/admin-metrics'
import { MetricSeriesName as Names } from '@bindery/shared/api/admin-metrics'
import { LATENCY_BUCKETS } from './registry'

/**
 * How the figures are stored in `metric_samples` and read back as the console's series. Pure.
 * Latency is stored as per-bucket counts (`pushLatency:<upper bound s>`), which add up across
 * processes; the p95 is computed from the summed buckets, as Prometheus's histogram_quantile does.
 */

/** Read from Postgres by the sampler once a minute; every other name is a per-minute count. */
export const GAUGE_SERIES = [
  'queueDepth',
  'inboxPending',
  'deadLetters',
  'circuitsOpen',
  'sitesPaused',
] as const

const LATENCY_OF = { p95PushMs: 'push', p95PullMs: 'pull' } as const

/** The stored series name of one latency observation: its direction and histogram bucket. */
export function latencySeries(direction: 'push' | 'pull', seconds: number): string {
  const le = LATENCY_BUCKETS.find((b) => seconds <= b)
  return `${direction}Latency:${le ?? '+Inf'}`
}

/** The 95th percentile in ms of bucket counts (upper bound in seconds → count); null without any. */
export function p95Ms(buckets: Map<number, number>): number | null {
  const bounds = [...buckets.keys()].sort((a, b) => a - b)
  const total = bounds.reduce((n, b) => n + buckets.get(b)!, 0)
  if (total === 0) return null
  const rank = 0.95 * total
  let seen = 0
  for (const [i, le] of bounds.entries()) {
    const n = buckets.get(le)!
    if (seen + n >= rank) {
      const lower = i === 0 ? 0 : bounds[i - 1]!
      // Past the last bound nothing is known but "more than it": report the bound.
      if (!Number.isFinite(le)) return lower * 1000
      return Math.round((lower + ((le - lower) * (rank - seen)) / n) * 1000)
    }
    seen += n
  }
  return Math.round(bounds.filter(Number.isFinite).at(-1)! * 1000)
}

/** Columnar series for the minutes that hold any sample, from the rows of `listSamples`. */
export function buildSeries(
  rows: { minute: Date; series: string; value: number }[],
  since: Date,
  until: Date,
): MetricSeries {
  const minutes = new Map<number, Map<string, number>>()
  for (const r of rows) {
    const t = Math.floor(r.minute.getTime() / 1000)
    const m = minutes.get(t) ?? new Map<string, number>()
    m.set(r.series, (m.get(r.series) ?? 0) + r.value)
    minutes.set(t, m)
  }
  const at = [...minutes.keys()].sort((a, b) => a - b)
  const series = Object.fromEntries(Names.options.map((n) => [n, [] as (number | null)[]])) as Record<
    MetricSeriesName,
    (number | null)[]
  >
  for (const t of at) {
    const m = minutes.get(t)!
    for (const name of Names.options) {
      if (name in LATENCY_OF) {
        const direction = LATENCY_OF[name as keyof typeof LATENCY_OF]
        series[name].push(p95Ms(bucketsOf(m, direction)))
      } else if ((GAUGE_SERIES as readonly string[]).includes(name)) {
        series[name].push(m.get(name) ?? null)
      } else {
        series[name].push(m.get(name) ?? 0)
      }
    }
  }
  return { since: since.toISOString(), until: until.toISOString(), stepSeconds: 60, at, series }
}

function bucketsOf(m: Map<string, number>, direction: 'push' | 'pull'): Map<number, number> {
  const prefix = `${direction}Latency:`
  const out = new Map<number, number>()
  for (const [k, v] of m) {
    if (!k.startsWith(prefix)) continue
    const le = k.slice(prefix.length)
    out.set(le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le), v)
  }
  return out
}
