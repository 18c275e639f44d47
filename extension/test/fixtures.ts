import type { ConflictSummary } from '@bindery/shared/api/conflicts'
import type { HistoryEntry } from '@bindery/shared/api/history'
import type { DeleteHold } from '@bindery/shared/api/holds'
import type { SyncPlan } from '@bindery/shared/api/plans'
import type { DriftReport } from '@bindery/shared/api/reconcile'
import type { SiteStatus } from '@bindery/shared/api/site'

const none = { create: 0, update: 0, publish: 0, unpublish: 0, archive: 0, delete: 0 }
export const LINK_ID = '11111111-1111-4111-8111-111111111111'
export const HUB_ITEM = '44444444-4444-4444-8444-444444444444'
export const HUB_ITEM_2 = '55555555-5555-4555-8555-555555555555'

/** A dry run's answer (numbers as the server's `SyncPlan`). */
export function plan(over: Partial<SyncPlan> = {}): SyncPlan {
  return {
    kind: 'connect',
    linkId: null,
    webflow: { ...none },
    hub: { ...none },
    unchanged: 0,
    conflicts: [],
    heldDeletes: 0,
    collectionToCreate: null,
    fieldsToCreate: [],
    samples: [],
    cost: {
      requests: 0,
      byKind: {},
      queuedAhead: 0,
      perMinute: 120,
      seconds: 0,
      summary: '0 requests',
    },
    reads: 1,
    notes: [],
    computedAt: new Date().toISOString(),
    ...over,
  }
}

export function hold(over: Partial<DeleteHold> = {}): DeleteHold {
  return {
    id: '66666666-6666-4666-8666-666666666666',
    siteId: 'site-1',
    linkId: LINK_ID,
    side: 'hub',
    source: 'pull',
    status: 'held',
    items: [
      { hubItemId: HUB_ITEM, webflowItemId: 'wf-item-1', slug: 'ada-lovelace', name: 'Ada Lovelace' },
      { hubItemId: HUB_ITEM_2, webflowItemId: 'wf-item-2', slug: 'grace-hopper', name: 'Grace Hopper' },
    ],
    collectionSize: 2,
    createdAt: new Date().toISOString(),
    decidedAt: null,
    decidedBy: null,
    reason: 'link-policy',
    ...over,
  }
}

export function conflict(over: Partial<ConflictSummary> = {}): ConflictSummary {
  return {
    id: '77777777-7777-4777-8777-777777777777',
    linkId: LINK_ID,
    hubItemId: HUB_ITEM,
    webflowItemId: 'wf-item-1',
    slug: 'ada-lovelace',
    name: 'Ada Lovelace',
    fields: [
      { field: 'name', base: 'Ada', hub: 'Ada Lovelace', webflow: 'Ada King' },
      { field: 'bio', base: 'Math', hub: 'Mathematician', webflow: 'Countess' },
    ],
    createdAt: new Date().toISOString(),
    ...over,
  }
}

export function entry(over: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: '42',
    at: new Date(Date.now() - 10 * 60_000).toISOString(),
    side: 'webflow',
    actor: { kind: 'designer', name: 'Dana Designer' },
    action: 'hub.update',
    changes: [{ field: 'name', before: 'Ada Lovelace', after: 'Ada King' }],
    restorable: true,
    ...over,
  }
}

export function driftReport(over: Partial<DriftReport> = {}): DriftReport {
  const zero = {
    missingOnWebflow: 0,
    missingInHub: 0,
    changedInWebflow: 0,
    changedInHub: 0,
    statusMismatch: 0,
    duplicate: 0,
  }
  return {
    id: '88888888-8888-4888-8888-888888888888',
    linkId: LINK_ID,
    trigger: 'scheduled',
    status: 'done',
    startedAt: new Date(Date.now() - 60_000).toISOString(),
    finishedAt: new Date(Date.now() - 50_000).toISOString(),
    webflowItems: 40,
    hubItems: 40,
    requests: 2,
    found: { ...zero, changedInWebflow: 3, missingOnWebflow: 1 },
    repaired: { ...zero, changedInWebflow: 3 },
    samples: {
      changedInWebflow: [{ hubItemId: HUB_ITEM, webflowItemId: 'wf-item-1', slug: 'ada-lovelace' }],
      missingOnWebflow: [{ hubItemId: HUB_ITEM_2, webflowItemId: null, slug: 'grace-hopper' }],
    },
    schema: [],
    error: null,
    ...over,
  }
}

export function siteStatus(over: Partial<SiteStatus['installation']> = {}, paused = false): SiteStatus {
  return {
    id: 'site-1',
    displayName: 'Demo Site',
    shortName: 'demo-site',
    paused,
    webhookHealth: null,
    installation: {
      id: 'inst-1',
      status: 'active',
      needsReinstall: false,
      tokenRejectedAt: null,
      installUrl: 'http://api.test/oauth/install?popup=1',
      ...over,
    },
  }
}
