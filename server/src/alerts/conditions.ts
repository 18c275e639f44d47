import type { AlertKind } from '@bindery/shared/api/admin-alerts'
import type { Config } from '../config'
import type { AlertFacts } from '../db/alert-conditions'
import type { CredentialState } from '../db/installation-credentials'

/** Something wrong now, on one subject; an incident is open while its condition holds. */
export type Condition = {
  kind: AlertKind
  subject: string
  summary: string
  details: Record<string, unknown>
}

export type Rejected = CredentialState & { siteIds: string[] }

/** The conditions the facts show, one per kind and subject. Pure. */
export function activeConditions(
  facts: AlertFacts,
  rejected: Rejected[],
  thresholds: Config['alerts'],
): Condition[] {
  const out: Condition[] = []
  for (const r of rejected)
    out.push({
      kind: 'token_revoked',
      subject: r.installationId,
      summary: `Webflow refuses Bindery's token (HTTP ${r.rejectedStatus}) for ${plural(r.siteIds.length, 'site')}: their work is held until someone reinstalls Bindery`,
      details: { installationId: r.installationId, siteIds: r.siteIds, reason: r.rejectedReason },
    })
  const rejectedSites = new Set(rejected.flatMap((r) => r.siteIds))
  for (const w of facts.webhooksBroken) {
    // A refused token breaks the webhook check too: the token alert says it all.
    if (rejectedSites.has(w.siteId)) continue
    out.push({
      kind: 'webhooks_unrepairable',
      subject: w.siteId,
      summary: `Webhooks of site ${w.displayName} are missing and the check could not repair them (${w.missing.join(', ') || 'unknown'}): changes made in Webflow reach Bindery only through reconcile`,
      details: { siteId: w.siteId, missing: w.missing, error: w.error },
    })
  }
  if (facts.deadLetters >= thresholds.deadLetters)
    out.push({
      kind: 'dead_letters',
      subject: 'all',
      summary: `${plural(facts.deadLetters, 'job')} in the dead letters (threshold ${thresholds.deadLetters})`,
      details: { deadLetters: facts.deadLetters, threshold: thresholds.deadLetters },
    })
  for (const c of facts.openCircuits)
    out.push({
      kind: 'circuit_open',
      subject: c.tokenKey,
      summary: `Webflow calls of installation ${c.tokenKey} keep failing: its circuit breaker is ${c.state.replace('_', '-')}`,
      details: { installationId: c.tokenKey, state: c.state, lastError: c.lastError },
    })
  for (const d of facts.drifted)
    out.push({
      kind: 'reconcile_drift',
      subject: d.linkId,
      summary: `Reconcile found ${plural(d.found, 'item')} differing between the hub and Webflow on one link of site ${d.siteId} (threshold ${thresholds.driftItems})`,
      details: { linkId: d.linkId, siteId: d.siteId, found: d.found, reportId: d.reportId },
    })
  for (const h of facts.heldDeletes)
    out.push({
      kind: 'deletes_held',
      subject: h.siteId,
      summary: `${plural(h.items, 'delete')} on site ${h.siteId} wait for a person to confirm or reject them`,
      details: { siteId: h.siteId, holds: h.holds, items: h.items },
    })
  return out
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** How long a condition must last before its message goes out (a short blip alerts nobody). */
export function notifyAfterMinutes(kind: AlertKind, thresholds: Config['alerts']): number {
  return kind === 'circuit_open' ? thresholds.circuitOpenMinutes : 0
}

/** Where support looks at it in the console (`/console`, served by the console's own routes). */
export function consolePath(kind: AlertKind, subject: string, details: Record<string, unknown>): string {
  const site = typeof details.siteId === 'string' ? details.siteId : undefined
  const sites = Array.isArray(details.siteIds) ? (details.siteIds as string[]) : []
  if (kind === 'dead_letters') return '/console/dead-letters'
  if (site) return `/console/sites/${encodeURIComponent(site)}`
  if (sites.length === 1) return `/console/sites/${encodeURIComponent(sites[0]!)}`
  return `/console${subject === 'all' ? '' : `?installation=${encodeURIComponent(subject)}`}`
}
