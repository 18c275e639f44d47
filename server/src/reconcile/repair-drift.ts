import type { DriftCounts } from '@bindery/shared/api/reconcile'
import type { CollectionItem } from '@bindery/shared/webflow'
import type { AppContext } from '../context/app-context'
import { type AuditEntry, appendAudit } from '../db/audit-log'
import { heldHubItemIds } from '../db/delete-holds'
import { zeroCounts } from '../db/drift-reports'
import { getHubItem, softDeleteHubItem } from '../db/hub-items'
import {
  forgetWebflowItem,
  markDeleted,
  queueCreate,
  recordSynced,
  requeueForPush,
  takeOverWebflowItem,
} from '../db/item-links'
import { type Link, updateLink } from '../db/links'
import { inSavepoint, inTransaction, type Tx } from '../db/pool'
import { applyItem, archiveInHub } from '../sync/apply-delivery'
import { isLive, webflowStateOf } from '../sync/field-map'
import { holdMassDeletes } from '../sync/hold-deletes'
import { chunks } from '../sync/push-plan'
import { WebflowApiError } from '../webflow/webflow-api-error'
import type { WebflowApi } from '../webflow/webflow-client'
import type { Drift, Refresh } from './classify-drift'

const BATCH = 100

export type RepairOutcome = { repaired: DriftCounts; failed: number; pushNeeded: boolean; held: number }

/**
 * Repairs drift per the link's direction and policy, and audits each repair under the report's id.
 * Webflow-side changes go through `applyItem` (the pull's merge); hub-side ones are marked dirty for
 * the push; duplicates are deleted in Webflow. One item failing does not stop the others.
 */
export async function repairDrift(
  ctx: AppContext,
  wf: WebflowApi,
  link: Link,
  drifts: Drift[],
  reportId: string,
  progress?: (done: number) => Promise<void>,
): Promise<RepairOutcome> {
  const out: RepairOutcome = { repaired: zeroCounts(), failed: 0, pushNeeded: false, held: 0 }
  drifts = await withoutHeld(ctx, link, drifts, out)
  const audit: AuditEntry[] = []
  const note = (d: Drift, action: string) => {
    out.repaired[d.cls]++
    audit.push({
      direction: 'system',
      action: `reconcile.${d.cls}`,
      siteId: link.siteId,
      subjectType: d.sample.hubItemId ? 'hub_item' : 'webflow_item',
      subjectId: d.sample.hubItemId ?? d.sample.webflowItemId ?? '',
      after: { repair: action, ...d.sample },
      correlationId: `reconcile:${reportId}`,
    })
  }

  const duplicates = drifts.filter((d) => d.repair.kind === 'deleteWebflow')
  for (const chunk of chunks(duplicates)) {
    const items = chunk.map((d) => (d.repair as { item: CollectionItem }).item)
    const live = items.filter((i) => isLive(webflowStateOf(i)))
    if (live.length)
      await wf
        .unpublishItems(
          link.webflowCollectionId,
          live.map((i) => i.id),
        )
        .catch(ignore404)
    await wf
      .deleteItems(
        link.webflowCollectionId,
        items.map((i) => i.id),
      )
      .catch(ignore404)
    for (const d of chunk) note(d, 'deleted in Webflow')
  }

  const rest = drifts.filter((d) => d.repair.kind !== 'deleteWebflow' && d.repair.kind !== 'none')
  let done = duplicates.length
  for (const batch of chunks(rest, BATCH)) {
    await inTransaction(ctx.db, async (tx) => {
      for (const d of batch) {
        try {
          const action = await inSavepoint(tx, 'repair', () => repairOne(tx, ctx, link, d))
          if (action === 'push') out.pushNeeded = true
          note(d, action)
        } catch (err) {
          out.failed++
          ctx.log.warn({ link: link.id, drift: d.cls, sample: d.sample, err }, 'reconcile repair failed')
        }
      }
    })
    done += batch.length
    await progress?.(done)
  }
  await appendAudit(ctx.db, audit)
  return out
}

/**
 * Drifts of items in an open hold wait for the person deciding it (a repair would pre-empt them);
 * the hub deletes this run would make are checked as a possible mass delete, and held if they are one.
 */
async function withoutHeld(ctx: AppContext, link: Link, drifts: Drift[], out: RepairOutcome) {
  const open = await heldHubItemIds(ctx.db, link.id, 'held')
  // Archiving instead loses nothing: only real deletes can be a mass delete.
  const deletes = link.deleteMode === 'archive' ? [] : drifts.filter((d) => d.repair.kind === 'deleteHub')
  const decision = await holdMassDeletes(
    ctx.db,
    ctx,
    link,
    'hub',
    'reconcile',
    deletes.map((d) => ({
      hubItemId: (d.repair as { itemLink: { hubItemId: string } }).itemLink.hubItemId,
      webflowItemId: d.sample.webflowItemId,
      slug: d.sample.slug ?? '',
      name: d.sample.slug ?? '',
    })),
  )
  const waiting = (d: Drift) =>
    (!!d.sample.hubItemId && open.has(d.sample.hubItemId)) ||
    (d.repair.kind === 'deleteHub' && decision.held.has(d.repair.itemLink.hubItemId))
  out.held = drifts.filter(waiting).length
  return drifts.filter((d) => !waiting(d))
}

async function repairOne(tx: Tx, ctx: AppContext, link: Link, d: Drift): Promise<string> {
  const r = d.repair
  switch (r.kind) {
    case 'pull': {
      if (link.direction === 'push-only') {
        // A push-only link adopts the Webflow item and overwrites it with the hub's content.
        await takeOverWebflowItem(tx, link.id, d.sample.hubItemId!, r.item.id, webflowStateOf(r.item))
        return 'push'
      }
      if (r.webflowWins) {
        // The link only pulls: Webflow's values replace the hub's, field by field.
        const forced = r.itemLink && { ...r.itemLink, base: null, syncedHash: null }
        await applyItem(tx, ctx, { ...link, conflictPolicy: 'webflow' }, forced ?? undefined, r.item)
      } else {
        await applyItem(tx, ctx, link, r.itemLink ?? undefined, r.item)
      }
      return 'applied to the hub'
    }
    case 'push':
      await requeueForPush(tx, r.itemLink.id, r.observed)
      return 'push'
    case 'create':
      if (r.itemLink) {
        // Forget the vanished Webflow item: the push creates it again, adopting its slug if taken.
        await forgetWebflowItem(tx, r.itemLink.id, r.itemLink.webflowItemId)
      } else {
        await queueCreate(tx, link.id, r.hubItemId)
      }
      return 'push'
    case 'deleteHub': {
      const hubItem = link.deleteMode === 'archive' && (await getHubItem(tx, r.itemLink.hubItemId))
      if (hubItem && !hubItem.deletedAt) {
        await archiveInHub(tx, link, r.itemLink, hubItem)
        return 'archived in the hub'
      }
      await softDeleteHubItem(tx, r.itemLink.hubItemId)
      await markDeleted(tx, [r.itemLink.id], 'pull')
      return 'deleted in the hub'
    }
    default:
      throw new Error(`repair ${r.kind} is not done item by item`)
  }
}

/** Records agreement the item link had not caught up with (state, hash), in one statement. */
export async function recordAgreement(ctx: AppContext, link: Link, refresh: Refresh[]) {
  for (const chunk of chunks(refresh, 500)) {
    await recordSynced(
      ctx.db,
      link.id,
      'pull',
      chunk.map((r) => ({
        hubItemId: r.itemLink.hubItemId,
        webflowItemId: r.item.id,
        hash: r.hash,
        base: r.content,
        webflowState: webflowStateOf(r.item),
        webflowLastUpdated: r.item.lastUpdated,
        version: 0,
      })),
    )
  }
}

/** Reports progress of a run the user is watching (sync now, full resync). */
export function progressReporter(ctx: AppContext, link: Link, total: number) {
  return async (done: number) => updateLink(ctx.db, link.id, { progressDone: done, progressTotal: total })
}

function ignore404(err: unknown) {
  // Already gone in Webflow (or not live): what the repair wanted either way.
  if (!WebflowApiError.notFound(err)) throw err
}
