import type { PlanCost, SidePlan } from '@bindery/shared/api/plans'
import type { PushPlan } from './push-plan'

/** Requests of each kind a run makes. */
export type RequestCounts = Record<string, number>

const per100 = (n: number) => Math.ceil(n / 100)

export const emptySide = (): SidePlan => ({
  create: 0,
  update: 0,
  publish: 0,
  unpublish: 0,
  archive: 0,
  delete: 0,
})

/**
 * What a push plan does to Webflow item by item. Live creates and live updates publish in the same
 * request, so they count as publishes too; removes become archives in delete mode 'archive'.
 */
export function webflowSideOf(plan: PushPlan, archive: boolean): SidePlan {
  return {
    create: plan.createLive.length + plan.createStaged.length,
    update: plan.updateLive.length + plan.updateStaged.length,
    publish: plan.createLive.length + plan.updateLive.length + plan.publish.length + plan.publishOnly.length,
    unpublish: plan.unpublish.length,
    archive: archive ? plan.remove.length : 0,
    delete: archive ? 0 : plan.remove.length,
  }
}

/**
 * The Webflow requests the push makes for a plan, the way `pushLink` sends it: each group in bulk
 * requests of up to 100 items; live items unpublished before a delete or an archive; a two-way link
 * reads up to 3 pages of recent Webflow edits before updating (merge-unseen-webflow-edits.ts), once
 * per round of 1000; then the locale versions, 100 to a PATCH, live and staged apart (push-locales.ts).
 */
export function pushRequests(
  plan: PushPlan,
  o: {
    archive: boolean
    readsWebflow: boolean
    collectionSize: number
    /** The pages mergeUnseenWebflowEdits reads, when the caller knows the collection (`unseenEditPages`). */
    unseenEditPages?: number
    /** Secondary-locale versions the push writes after the items, by whether their item is live. */
    localeVersions?: { live: number; staged: number }
  },
): RequestCounts {
  const liveRemoved = plan.remove.filter((p) => isLiveState(p.itemLink.webflowState)).length
  const updates = plan.updateLive.length + plan.updateStaged.length
  const rounds = Math.ceil(
    (plan.createLive.length +
      plan.createStaged.length +
      updates +
      plan.remove.length +
      plan.publishOnly.length) /
      1000,
  )
  return {
    create: per100(plan.createLive.length) + per100(plan.createStaged.length),
    update:
      per100(plan.updateLive.length) +
      per100(plan.updateStaged.length) +
      (o.archive ? per100(plan.remove.length) : 0),
    unpublish: per100(plan.unpublish.length) + per100(liveRemoved),
    publish: per100(plan.publish.length + plan.publishOnly.length),
    // Publish-only items are checked against the live listing first (a site publish may have done it).
    list:
      (plan.publishOnly.length ? Math.max(1, per100(o.collectionSize)) : 0) +
      (updates && o.readsWebflow
        ? Math.max(1, Math.min(3, per100(o.collectionSize))) * Math.max(1, rounds)
        : 0),
    delete: o.archive ? 0 : per100(plan.remove.length),
    locale: per100(o.localeVersions?.live ?? 0) + per100(o.localeVersions?.staged ?? 0),
  }
}

const isLiveState = (s: string | null) =>
  s === 'published' || s === 'changes_in_draft' || s === 'changes_queued'

export function addCounts(...all: RequestCounts[]): RequestCounts {
  const out: RequestCounts = {}
  for (const c of all) for (const [k, v] of Object.entries(c)) if (v) out[k] = (out[k] ?? 0) + v
  return out
}

/** Requests a push of `n` pending items is likely to make: a write and a publish per 100. */
export const queuedRequests = (pending: number[]) => pending.reduce((s, n) => s + 2 * per100(n), 0)

/**
 * The cost under the token's budget: this plan's requests behind what other links queued, at
 * `perMinute`. "211 requests ≈ 1 min at 120/min"; under a minute reads "≈ 30 s".
 */
export function planCost(byKind: RequestCounts, queuedAhead: number, perMinute: number): PlanCost {
  const requests = Object.values(byKind).reduce((s, n) => s + n, 0)
  const total = requests + queuedAhead
  // The budget is a rolling minute: a minute's worth goes at once (≈ 10 a second), each further
  // minute's worth waits for the window to roll.
  const seconds = total <= perMinute ? Math.ceil(total / 10) : (Math.ceil(total / perMinute) - 1) * 60
  const ahead = queuedAhead ? ` after ${queuedAhead} queued by other links` : ''
  return {
    requests,
    byKind,
    queuedAhead,
    perMinute,
    seconds,
    summary: `${requests} request${requests === 1 ? '' : 's'} ≈ ${duration(seconds)} at ${perMinute}/min${ahead}`,
  }
}

export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, seconds)} s`
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min`
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return m ? `${h} h ${m} min` : `${h} h`
}

/**
 * The list pages mergeUnseenWebflowEdits reads before updating: Webflow's items newest first, 100 a
 * page, up to 3 pages, stopping at a short page or one whose last item is no newer than the oldest
 * update.
 */
export function unseenEditPages(lastUpdated: string[], oldestUpdate: number): number {
  const sorted = lastUpdated.map((t) => new Date(t).getTime()).sort((a, b) => b - a)
  let pages = 0
  for (let page = 0; page < 3; page++) {
    const items = sorted.slice(page * 100, page * 100 + 100)
    pages++
    const last = items.at(-1)
    if (items.length < 100 || last === undefined || last <= oldestUpdate) break
  }
  return pages
}
