import type { QueuePayload } from '@bindery/shared/queues'
import type { AppContext } from '../context/app-context'
import { setSamples } from '../db/metric-samples'
import { refreshGauges } from '../metrics/gauges'
import { flushMinuteSamples } from '../metrics/minute-buffer'

export const queue = 'metrics-sample'

/**
 * The minute's reading of the global gauges, for the console's charts. Scheduled once a minute
 * (pg-boss runs one schedule across every process), so no minute is sampled twice; a rerun of the
 * same minute replaces its reading. Also stores this process's counts at once.
 */
export async function handle(_data: QueuePayload<typeof queue>, { db }: AppContext) {
  const g = await refreshGauges(db)
  const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000)
  const reading = {
    queueDepth: Object.values(g.queueDepth).reduce((a, b) => a + b, 0),
    inboxPending: g.inboxPending,
    deadLetters: g.deadLetters,
    circuitsOpen: g.circuits.filter((c) => c.open).length,
    sitesPaused: g.sites.filter((s) => s.paused).length,
  }
  await setSamples(
    db,
    Object.entries(reading).map(([series, value]) => ({ minute, series, value })),
  )
  await flushMinuteSamples(db)
  return reading
}
