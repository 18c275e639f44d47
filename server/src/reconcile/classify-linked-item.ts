import type { DriftClass } from '@bindery/shared/api/reconcile'
import type { CollectionItem } from '@bindery/shared/webflow'
import type { HubItem } from '../db/hub-items'
import type { HubRow, ItemLink } from '../db/item-links'
import { contentHash } from '../sync/content-hash'
import { webflowStateOf } from '../sync/field-map'
import { hubContentOf } from '../sync/push-plan'
import type { WebflowState } from '../vocabulary/hub-content'
import type { Drift, DriftScope, Refresh, Repair } from './classify-drift'
import { driftOf, inSyncHands, sameApartFromStatus } from './drift-of'

/** What one hub item and the Webflow item its item link names are to each other. */
export type LinkedItemVerdict =
  /** Nothing to say: the sync's own business, or a state the link's settings explain. */
  | { kind: 'skip' }
  | { kind: 'agree'; itemLink: ItemLink; item: CollectionItem }
  /** Agreement Bindery had not recorded. */
  | { kind: 'refresh'; refresh: Refresh }
  | { kind: 'drift'; drift: Drift }

/** What the Webflow items no item link knows settled before the hub items are looked at. */
export type UnknownItemsSettled = {
  /** Hub items an unlinked Webflow item of the same slug is pulled into. */
  adopted: Set<string>
  /** Item links whose Webflow item stays while a duplicate of it is deleted. */
  keptAfterDuplicate: Set<string>
}

export function classifyLinkedItem(
  scope: DriftScope,
  { item: hub, itemLink: il }: HubRow,
  settled: UnknownItemsSettled,
): LinkedItemVerdict {
  const { link, snapshot } = scope
  const pushes = link.direction !== 'pull-only'
  const pulls = link.direction !== 'push-only'
  const sample = { hubItemId: hub.id, slug: hub.slug, webflowItemId: il?.webflowItemId ?? null }
  const drift = (cls: DriftClass, repair: Repair, confirmGone?: string): LinkedItemVerdict => ({
    kind: 'drift',
    drift: driftOf(cls, repair, sample, confirmGone),
  })
  if (inSyncHands(il)) return { kind: 'skip' }
  if (!il?.webflowItemId) {
    // Webflow deleted it and the link archived it in the hub instead (delete mode 'archive').
    // (`webflow_state 'deleted'` is stored, outside the WebflowState union: see markWebflowGone.)
    if (hub.status === 'archived' && (il?.webflowState as string | null | undefined) === 'deleted')
      return { kind: 'skip' }
    // Never reached Webflow and nothing is pending: a push that was lost.
    if (!hub.deletedAt && pushes && !settled.adopted.has(hub.id))
      return drift('missingOnWebflow', { kind: 'create', hubItemId: hub.id, itemLink: il })
    return { kind: 'skip' }
  }
  const wfItem = snapshot.staged.get(il.webflowItemId)
  if (!wfItem) {
    if (hub.deletedAt || settled.adopted.has(hub.id)) return { kind: 'skip' }
    const repair: Repair = pushes
      ? { kind: 'create', hubItemId: hub.id, itemLink: il }
      : { kind: 'deleteHub', itemLink: il }
    return drift('missingOnWebflow', repair, il.webflowItemId)
  }
  if (hub.deletedAt) {
    const observed = webflowStateOf(wfItem)
    // Deleted in the hub, archived in Webflow: what delete mode 'archive' does.
    if (link.deleteMode === 'archive' && observed === 'archived') return { kind: 'skip' }
    // Deleted in the hub, still in Webflow: the delete never went out.
    return drift(
      'changedInHub',
      pushes ? { kind: 'push', itemLink: il, observed } : { kind: 'pull', item: wfItem, itemLink: il },
    )
  }
  const classified = compare(scope, hub, il, wfItem, snapshot.live.get(wfItem.id))
  if (classified === 'agree') return { kind: 'agree', itemLink: il, item: wfItem }
  if ('refresh' in classified) return { kind: 'refresh', refresh: classified.refresh }
  const observed = webflowStateOf(wfItem)
  const toWebflow: Repair = { kind: 'push', itemLink: il, observed }
  const toHub: Repair = { kind: 'pull', item: wfItem, itemLink: il }
  let repair: Repair
  if (settled.keptAfterDuplicate.has(il.id) && pushes) repair = toWebflow
  else if (classified.webflowChanged) repair = pulls ? toHub : toWebflow
  else repair = pushes ? toWebflow : { ...toHub, webflowWins: true }
  return drift(classified.cls, repair)
}

type Comparison = 'agree' | { refresh: Refresh } | { cls: DriftClass; webflowChanged: boolean }

/** One linked item, both sides present and nothing pending. */
function compare(
  { link, content }: DriftScope,
  hub: HubItem,
  il: ItemLink,
  staged: CollectionItem,
  live: CollectionItem | undefined,
): Comparison {
  const wf = content(staged)
  const wfHash = contentHash(wf)
  const hubContent = hubContentOf(hub, link)
  const hubHash = contentHash(hubContent)
  const observed = webflowStateOf(staged)
  if (wfHash === hubHash) {
    // The listing hands the staged item itself for a live one with the same field data.
    const liveMatches =
      !!live && (live === staged || contentHash({ ...content(live), status: wf.status }) === wfHash)
    if (!statusExplained(hub.status, observed, il.webflowState, !!live, liveMatches)) {
      return { cls: 'statusMismatch', webflowChanged: false }
    }
    if (il.syncedHash === wfHash && il.webflowState === observed) return 'agree'
    return { refresh: { itemLink: il, item: staged, content: wf, hash: wfHash } }
  }
  const webflowChanged = wfHash !== il.syncedHash
  const onlyStatus = sameApartFromStatus(wf, hubContent)
  return {
    cls: onlyStatus ? 'statusMismatch' : webflowChanged ? 'changedInWebflow' : 'changedInHub',
    webflowChanged,
  }
}

/**
 * Whether Webflow's state fits the hub's status. A published hub item is live with the same
 * content, or in a sub-state Bindery recorded when it happened ("changes in draft", "queued").
 */
function statusExplained(
  status: HubItem['status'],
  observed: WebflowState,
  recorded: WebflowState | null,
  inLive: boolean,
  liveMatches: boolean,
): boolean {
  if (status === 'archived') return observed === 'archived'
  if (status === 'draft') return observed === 'draft' && !inLive
  if (observed === 'published') return inLive && liveMatches
  const pending = observed === 'changes_in_draft' || observed === 'changes_queued' || observed === 'queued'
  return pending && observed === recorded
}
