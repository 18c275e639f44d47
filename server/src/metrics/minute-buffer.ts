import type { Logger } from 'pino'
import { addToSamples, type Sample } from '../db/metric-samples'
import type { Db } from '../db/pool'

/**
 * Counts this process saw, per minute and series, until they are added to `metric_samples`. Every
 * process adds its own counts to the same minute rows, so the stored figure is the sum over all of
 * them (Prometheus counters, being per process, could not give that).
 */
const pending = new Map<string, number>()

const minuteOf = (ms: number) => Math.floor(ms / 60_000) * 60_000

export function addToMinute(series: string, value = 1, atMs = Date.now()) {
  if (value === 0) return
  const key = `${minuteOf(atMs)}|${series}`
  pending.set(key, (pending.get(key) ?? 0) + value)
}

/** Adds what was counted since the last flush to Postgres; on failure the counts wait for the next. */
export async function flushMinuteSamples(db: Db) {
  if (pending.size === 0) return
  const samples: Sample[] = [...pending].map(([key, value]) => {
    const [minute, series] = key.split('|') as [string, string]
    return { minute: new Date(Number(minute)), series, value }
  })
  pending.clear()
  try {
    await addToSamples(db, samples)
  } catch (err) {
    for (const s of samples) addToMinute(s.series, s.value, s.minute.getTime())
    throw err
  }
}

/** Flushes every `everyMs` (several times a minute, so the current minute's chart point fills in). */
export function startMinuteFlush(db: Db, log: Logger, everyMs = 15_000): () => Promise<void> {
  const timer = setInterval(() => {
    flushMinuteSamples(db).catch((err) => log.warn({ err }, 'could not store metric samples'))
  }, everyMs)
  timer.unref()
  return async () => {
    clearInterval(timer)
    await flushMinuteSamples(db).catch((err) => log.warn({ err }, 'could not store metric samples'))
  }
}
