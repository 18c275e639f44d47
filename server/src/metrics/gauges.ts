import { type OperatingGauges, readOperatingGauges } from '../db/operating-gauges'
import type { Queryable } from '../db/pool'
import { circuitOpen, deadLetters, inboxPending, queueDepth, sitePaused, tokenRejected } from './registry'

/** Sets the global gauges from Postgres (at scrape time), so every process reports the truth. */
export async function refreshGauges(db: Queryable): Promise<OperatingGauges> {
  const g = await readOperatingGauges(db)
  // Reset first: a queue, site or token that is gone must not keep reporting its last value.
  for (const gauge of [queueDepth, circuitOpen, sitePaused, tokenRejected]) gauge.reset()
  for (const [queue, n] of Object.entries(g.queueDepth)) queueDepth.set({ queue }, n)
  inboxPending.set(g.inboxPending)
  deadLetters.set(g.deadLetters)
  for (const c of g.circuits) circuitOpen.set({ token: c.tokenKey }, c.open ? 1 : 0)
  for (const s of g.sites) sitePaused.set({ site: s.id }, s.paused ? 1 : 0)
  for (const id of g.tokensRejected) tokenRejected.set({ installation: id }, 1)
  return g
}
