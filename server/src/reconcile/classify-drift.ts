import type { DriftClass, DriftSample } from '@bindery/shared/api/reconcile'
import type { CollectionItem } from '@bindery/shared/webflow'
import type { HubRow, ItemLink } from '../db/item-links'
import type { Link } from '../db/links'
import { type FieldMemory, NO_MEMORY } from '../sync/field-memory'
import { webflowContentOf } from '../sync/webflow-content'
import type { HubContent, WebflowState } from '../vocabulary/hub-content'
import { classifyLinkedItem, type UnknownItemsSettled } from './classify-linked-item'
import { classifyUnknownItem } from './classify-unknown-item'
import type { WebflowSnapshot } from './webflow-snapshot'

/** What a repair does; which one follows from the drift class, the link's direction and its policy. */
export type Repair =
  /** Apply the Webflow item to the hub (three-way merge with the link's policy; imports when unlinked). */
  | { kind: 'pull'; item: CollectionItem; itemLink: ItemLink | null; webflowWins?: boolean }
  /** Mark the item dirty with no synced hash, so the push writes the hub's content and status. */
  | { kind: 'push'; itemLink: ItemLink; observed: WebflowState }
  /** The hub item has no Webflow item: the push creates one (a taken slug is adopted, never duplicated). */
  | { kind: 'create'; hubItemId: string; itemLink: ItemLink | null }
  /** Delete a second Webflow item of a hub item; the item link's own stays. */
  | { kind: 'deleteWebflow'; item: CollectionItem }
  /** Webflow deleted it and the link only pulls: the hub follows. */
  | { kind: 'deleteHub'; itemLink: ItemLink }
  /** Found, but this link's direction lets nothing change it. */
  | { kind: 'none' }

export type Drift = {
  cls: DriftClass
  sample: DriftSample
  repair: Repair
  /** A Webflow item that was absent from the listing: confirmed gone before anything acts on it. */
  confirmGone?: string
}

/** Agreement Bindery had not recorded (e.g. a publish whose webhook was lost): noted, not drift. */
export type Refresh = { itemLink: ItemLink; item: CollectionItem; content: HubContent; hash: string }

export type Classified = {
  drifts: Drift[]
  refresh: Refresh[]
  /** Linked Webflow items that agree or were left alone: what a full resync re-applies. */
  linked: { itemLink: ItemLink; item: CollectionItem }[]
}

/** What each item's classification reads: the hub side by Webflow id and by slug, and Webflow's. */
export type DriftScope = {
  link: Link
  byWebflowId: Map<string, HubRow>
  bySlug: Map<string, HubRow>
  snapshot: WebflowSnapshot
  /** A Webflow item in hub terms, read through its item link's field memory. */
  content: (item: CollectionItem) => HubContent
}

/**
 * Compares the hub, its item links and Webflow item by item. Items with a push pending (dirty), a
 * create in flight, a conflict held for review or a failed write are the sync's own business and
 * are left out; everything else that disagrees is drift.
 */
export function classifyDrift(
  link: Link,
  rows: HubRow[],
  snapshot: WebflowSnapshot,
  hubIds: Map<string, string>,
  /** Field memory per item link id (assets Webflow imported, echoes of pushed rich text). */
  memory: Map<string, FieldMemory> = new Map(),
): Classified {
  const out: Classified = { drifts: [], refresh: [], linked: [] }
  const scope = driftScope(link, rows, snapshot, hubIds, memory)

  // Webflow items no item link knows: a duplicate, an unlinked match, or new to the hub.
  const settled: UnknownItemsSettled = { adopted: new Set(), keptAfterDuplicate: new Set() }
  for (const item of snapshot.staged.values()) {
    if (scope.byWebflowId.has(item.id)) continue
    const v = classifyUnknownItem(scope, item)
    if (v.kind === 'inFlight') continue
    if (v.kind === 'duplicate' && v.keeps) settled.keptAfterDuplicate.add(v.keeps)
    if (v.kind === 'unlinkedMatch') settled.adopted.add(v.adopts)
    out.drifts.push(v.drift)
  }

  for (const row of rows) {
    const v = classifyLinkedItem(scope, row, settled)
    if (v.kind === 'drift') out.drifts.push(v.drift)
    else if (v.kind === 'agree') out.linked.push({ itemLink: v.itemLink, item: v.item })
    else if (v.kind === 'refresh') {
      out.refresh.push(v.refresh)
      out.linked.push({ itemLink: v.refresh.itemLink, item: v.refresh.item })
    }
  }
  return out
}

/** The hub side indexed by Webflow id and by slug, and how a Webflow item reads in hub terms. */
export function driftScope(
  link: Link,
  rows: HubRow[],
  snapshot: WebflowSnapshot,
  hubIds: Map<string, string>,
  memory: Map<string, FieldMemory> = new Map(),
): DriftScope {
  const byWebflowId = new Map<string, HubRow>()
  const bySlug = new Map<string, HubRow>()
  for (const r of rows) {
    if (r.itemLink?.webflowItemId) byWebflowId.set(r.itemLink.webflowItemId, r)
    if (!r.item.deletedAt) bySlug.set(r.item.slug, r)
  }
  const content = (item: CollectionItem) => {
    const il = byWebflowId.get(item.id)?.itemLink
    return webflowContentOf(link, item, hubIds, undefined, (il && memory.get(il.id)) || NO_MEMORY)
  }
  return { link, byWebflowId, bySlug, snapshot, content }
}
