import type { DriftClass, DriftSample } from '@bindery/shared/api/reconcile'
import type { ItemLink } from '../db/item-links'
import { sameContent } from '../sync/content-hash'
import type { HubContent } from '../vocabulary/hub-content'
import type { Drift, Repair } from './classify-drift'

/** One drift, its sample filled in (what the report shows of the item). */
export function driftOf(
  cls: DriftClass,
  repair: Repair,
  s: Partial<DriftSample>,
  confirmGone?: string,
): Drift {
  return {
    cls,
    repair,
    sample: { hubItemId: s.hubItemId ?? null, webflowItemId: s.webflowItemId ?? null, slug: s.slug ?? null },
    ...(confirmGone ? { confirmGone } : {}),
  }
}

/** A push pending, a create in flight, a conflict held for review or a failed write: the sync's business. */
export function inSyncHands(il: ItemLink | null | undefined): boolean {
  return !!il && (il.dirty || !!il.createSentAt || il.syncState === 'conflict' || il.syncState === 'failed')
}

/** Equal content, whatever the status. */
export function sameApartFromStatus(a: HubContent, b: HubContent): boolean {
  return sameContent({ ...a, status: b.status }, b)
}
