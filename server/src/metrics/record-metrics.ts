import type { DriftClass } from '@bindery/shared/api/reconcile'
import { addToMinute } from './minute-buffer'
import { latencySeries } from './minute-series'
import {
  driftItems,
  itemsPulled,
  itemsPushed,
  rateWait,
  syncLatency,
  webflowRequests,
  webhookDeliveries,
} from './registry'

/**
 * Where features report what happened: each function moves the Prometheus metric and the minute
 * samples the console charts read. Cheap and synchronous; never throws into the caller's work.
 */

/** One answer (or none: status 0) from Webflow's API. */
export function recordWebflowRequest(route: string, status: number) {
  webflowRequests.inc({ route, status: String(status) })
  if (status === 429) addToMinute('webflow429')
  else if (status >= 500) addToMinute('webflow5xx')
}

export function recordRateWait(seconds: number) {
  rateWait.observe(seconds)
}

/** push: hub write → Webflow confirmed; pull: webhook received → hub applied. */
export function recordSyncLatency(direction: 'push' | 'pull', seconds: number) {
  const s = Math.max(0, seconds)
  syncLatency.observe({ direction }, s)
  addToMinute(latencySeries(direction, s))
}

export type WebhookOutcome = 'accepted' | 'duplicate' | 'ignored' | 'rejected' | 'unavailable'

export function recordWebhookDelivery(outcome: WebhookOutcome) {
  webhookDeliveries.inc({ outcome })
  if (outcome === 'accepted') addToMinute('webhookDeliveries')
}

export function recordItemsPushed(n: number) {
  if (n <= 0) return
  itemsPushed.inc(n)
  addToMinute('itemsPushed', n)
}

export function recordItemsPulled(n: number) {
  if (n <= 0) return
  itemsPulled.inc(n)
  addToMinute('itemsPulled', n)
}

/** One reconcile's counts per drift class: found, and of those repaired. */
export function recordDrift(found: Record<DriftClass, number>, repaired: Record<DriftClass, number>) {
  for (const cls of Object.keys(found) as DriftClass[]) {
    const fixed = Math.min(repaired[cls] ?? 0, found[cls])
    if (fixed > 0) driftItems.inc({ class: cls, repaired: 'true' }, fixed)
    if (found[cls] - fixed > 0) driftItems.inc({ class: cls, repaired: 'false' }, found[cls] - fixed)
    addToMinute('driftFound', found[cls])
    addToMinute('driftRepaired', fixed)
  }
}
