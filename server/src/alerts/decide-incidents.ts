import type { AlertKind } from '@bindery/shared/api/admin-alerts'
import type { Condition } from './conditions'

/** An open incident as the decision needs it. */
export type OpenIncident = {
  id: string
  kind: AlertKind
  subject: string
  openedAt: Date
  notifiedAt: Date | null
}

export type IncidentPlan = {
  /** New incidents; `notify`: send the opened message now. */
  open: { condition: Condition; notify: boolean }[]
  /** Still happening: refresh them. */
  keep: { id: string; condition: Condition }[]
  /** Open ones whose wait is over: send their opened message now. */
  notify: string[]
  /** Cleared: resolve; `notify`: its opened message went out, so a resolved one follows. */
  resolve: { id: string; notify: boolean }[]
}

const key = (kind: string, subject: string) => `${kind}\u0000${subject}`

/**
 * One incident per kind and subject: a condition already open is kept (never a second message);
 * one not open is opened; an open one whose condition is gone is resolved. A kind with a wait
 * (`notifyAfterMinutes`) sends its opened message only once it has lasted that long, and one that
 * clears before then resolves silently. Pure.
 */
export function decideIncidents(
  open: OpenIncident[],
  active: Condition[],
  now: Date,
  waitMinutes: (kind: AlertKind) => number,
): IncidentPlan {
  const plan: IncidentPlan = { open: [], keep: [], notify: [], resolve: [] }
  const byKey = new Map(open.map((i) => [key(i.kind, i.subject), i]))
  const seen = new Set<string>()
  for (const c of active) {
    const k = key(c.kind, c.subject)
    if (seen.has(k)) continue
    seen.add(k)
    const existing = byKey.get(k)
    if (!existing) {
      plan.open.push({ condition: c, notify: waitMinutes(c.kind) <= 0 })
      continue
    }
    plan.keep.push({ id: existing.id, condition: c })
    const lasted = now.getTime() - existing.openedAt.getTime()
    if (!existing.notifiedAt && lasted >= waitMinutes(c.kind) * 60_000) plan.notify.push(existing.id)
  }
  for (const i of open) {
    if (!seen.has(key(i.kind, i.subject))) plan.resolve.push({ id: i.id, notify: i.notifiedAt !== null })
  }
  return plan
}
