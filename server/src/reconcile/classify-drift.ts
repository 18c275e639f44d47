import type { DriftClass, DriftSample } from '@bindery/shared/api/reconcile'
import type { CollectionItem } from '@bindery/shared/webflow'
import type { HubItem } from '../db/hub-items'
import type { HubRow, ItemLink } from '../db/item-links'
import type { Link } from '../db/links'
import { contentHash, sameContent } from '../sync/content-hash'
import { webflowStateOf } from '../sync/field-map'
import { type FieldMemory, NO_MEMORY } from '../sync/field-memory'
import { hubContentOf } from '../sync/push-plan'
import { webflowContentOf } from '../sync/webflow-content'
import type { HubContent, WebflowState } from '../vocabulary/hub-content'
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
  const pushes = link.direction !== 'pull-only'
  const pulls = link.direction !== 'push-only'
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
  const add = (cls: DriftClass, repair: Repair, s: Partial<DriftSample>, confirmGone?: string) =>
    out.drifts.push({
      cls,
      repair,
      sample: {
        hubItemId: s.hubItemId ?? null,
        webflowItemId: s.webflowItemId ?? null,
        slug: s.slug ?? null,
      },
      ...(confirmGone ? { confirmGone } : {}),
    })
  const busy = (il: ItemLink | null | undefined) =>
    !!il && (il.dirty || !!il.createSentAt || il.syncState === 'conflict' || il.syncState === 'failed')

  // Webflow items no item link knows: a duplicate, an unlinked match, or new to the hub.
  const adopted = new Set<string>()
  const keptAfterDuplicate = new Set<string>()
  for (const item of snapshot.staged.values()) {
    if (byWebflowId.has(item.id)) continue
    const slug = item.fieldData.slug
    const sample = { webflowItemId: item.id, slug }
    const match = bySlug.get(slug)
    const linkedElsewhere = (r: HubRow | undefined) =>
      !!r?.itemLink?.webflowItemId && snapshot.staged.has(r.itemLink.webflowItemId)
    if (match && linkedElsewhere(match)) {
      keptAfterDuplicate.add(match.itemLink!.id)
      add('duplicate', pushes ? { kind: 'deleteWebflow', item } : { kind: 'none' }, {
        ...sample,
        hubItemId: match.item.id,
      })
      continue
    }
    if (match) {
      if (busy(match.itemLink)) continue // a create in flight: the push settles it by slug
      adopted.add(match.item.id)
      add('missingInHub', { kind: 'pull', item, itemLink: null }, { ...sample, hubItemId: match.item.id })
      continue
    }
    const copyOf = suffixedCopyOf(slug, bySlug)
    if (
      copyOf &&
      linkedElsewhere(copyOf) &&
      sameApartFromStatus({ ...content(item), slug: copyOf.item.slug }, hubContentOf(copyOf.item, link))
    ) {
      add('duplicate', pushes ? { kind: 'deleteWebflow', item } : { kind: 'none' }, {
        ...sample,
        hubItemId: copyOf.item.id,
      })
      continue
    }
    add('missingInHub', pulls ? { kind: 'pull', item, itemLink: null } : { kind: 'none' }, sample)
  }

  for (const { item: hub, itemLink: il } of rows) {
    const sample = { hubItemId: hub.id, slug: hub.slug, webflowItemId: il?.webflowItemId ?? null }
    if (busy(il)) continue
    if (!il?.webflowItemId) {
      // Webflow deleted it and the link archived it in the hub instead (delete mode 'archive').
      // (`webflow_state 'deleted'` is stored, outside the WebflowState union: see markWebflowGone.)
      if (hub.status === 'archived' && (il?.webflowState as string | null | undefined) === 'deleted') continue
      // Never reached Webflow and nothing is pending: a push that was lost.
      if (!hub.deletedAt && pushes && !adopted.has(hub.id))
        add('missingOnWebflow', { kind: 'create', hubItemId: hub.id, itemLink: il }, sample)
      continue
    }
    const wfItem = snapshot.staged.get(il.webflowItemId)
    if (!wfItem) {
      if (hub.deletedAt || adopted.has(hub.id)) continue
      const repair: Repair = pushes
        ? { kind: 'create', hubItemId: hub.id, itemLink: il }
        : { kind: 'deleteHub', itemLink: il }
      add('missingOnWebflow', repair, sample, il.webflowItemId)
      continue
    }
    if (hub.deletedAt) {
      const observed = webflowStateOf(wfItem)
      // Deleted in the hub, archived in Webflow: what delete mode 'archive' does.
      if (link.deleteMode === 'archive' && observed === 'archived') continue
      // Deleted in the hub, still in Webflow: the delete never went out.
      add(
        'changedInHub',
        pushes ? { kind: 'push', itemLink: il, observed } : { kind: 'pull', item: wfItem, itemLink: il },
        sample,
      )
      continue
    }
    const classified = compare(link, hub, il, wfItem, snapshot.live.get(wfItem.id), content)
    if (classified === 'agree') {
      out.linked.push({ itemLink: il, item: wfItem })
      continue
    }
    if ('refresh' in classified) {
      out.refresh.push(classified.refresh)
      out.linked.push({ itemLink: il, item: wfItem })
      continue
    }
    const observed = webflowStateOf(wfItem)
    const toWebflow: Repair = { kind: 'push', itemLink: il, observed }
    const toHub: Repair = { kind: 'pull', item: wfItem, itemLink: il }
    let repair: Repair
    if (keptAfterDuplicate.has(il.id) && pushes) repair = toWebflow
    else if (classified.webflowChanged) repair = pulls ? toHub : toWebflow
    else repair = pushes ? toWebflow : { ...toHub, webflowWins: true }
    add(classified.cls, repair, sample)
  }
  return out
}

type Comparison = 'agree' | { refresh: Refresh } | { cls: DriftClass; webflowChanged: boolean }

/** One linked item, both sides present and nothing pending. */
function compare(
  link: Link,
  hub: HubItem,
  il: ItemLink,
  staged: CollectionItem,
  live: CollectionItem | undefined,
  content: (i: CollectionItem) => HubContent,
): Comparison {
  const wf = content(staged)
  const wfHash = contentHash(wf)
  const hubContent = hubContentOf(hub, link)
  const hubHash = contentHash(hubContent)
  const observed = webflowStateOf(staged)
  if (wfHash === hubHash) {
    const liveMatches = !!live && contentHash({ ...content(live), status: wf.status }) === wfHash
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

/** Equal content, whatever the status. */
function sameApartFromStatus(a: HubContent, b: HubContent): boolean {
  return sameContent({ ...a, status: b.status }, b)
}

/** `post-2` → the row of `post`, the slug Webflow suffixes when a create repeats a taken slug. */
function suffixedCopyOf(slug: string, bySlug: Map<string, HubRow>): HubRow | undefined {
  const m = /^(.+)-(\d+)$/.exec(slug)
  return m ? bySlug.get(m[1]!) : undefined
}
