import type { DriftClass, DriftSample } from '@bindery/shared/api/reconcile'
import type { CollectionItem } from '@bindery/shared/webflow'
import type { HubItem } from '../db/hub-items'
import type { HubRow, ItemLink } from '../db/item-links'
import type { Link } from '../db/links'
import { contentHash, sameContent } from '../sync/content-hash'
import { type HubContent, type WebflowState, webflowStateOf } from '../sync/field-map'
import { type FieldMemory, NO_MEMORY } from '../sync/field-memory'
import { hubContentOf } from '../sync/push-plan'
import { webflowContentOf } from '../sync/webflow-content'
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

/** A Webflow item no item link knows, with the live hub items of its slug and of the slug it copies. */
export type UnknownItem = { item: CollectionItem; match?: ListedRow; copyOf?: ListedRow }

/** A hub row and whether the run listed its Webflow item. */
export type ListedRow = HubRow & { listed: boolean }

/** A hub row whose Webflow item was listed; `duplicated` when an unknown Webflow item has its slug. */
export type LinkedItem = {
  row: HubRow & { itemLink: ItemLink & { webflowItemId: string } }
  staged: CollectionItem
  live: CollectionItem | undefined
  duplicated: boolean
}

/**
 * Compares the hub, its item links and Webflow item by item, over a whole snapshot: the dry run's
 * view (sync/dry-run.ts). A reconcile streams the same comparison a page at a time (classifyPage,
 * then classifyUnlisted).
 */
export function classifyDrift(
  link: Link,
  rows: HubRow[],
  snapshot: WebflowSnapshot,
  hubIds: Map<string, string>,
  /** Field memory per item link id (assets Webflow imported, echoes of pushed rich text). */
  memory: Map<string, FieldMemory> = new Map(),
): Classified {
  const byWebflowId = new Map<string, HubRow>()
  const bySlug = new Map<string, ListedRow>()
  for (const r of rows) {
    if (r.itemLink?.webflowItemId) byWebflowId.set(r.itemLink.webflowItemId, r)
    const listed = !!r.itemLink?.webflowItemId && snapshot.staged.has(r.itemLink.webflowItemId)
    if (!r.item.deletedAt) bySlug.set(r.item.slug, { ...r, listed })
  }
  const unknown = [...snapshot.staged.values()]
    .filter((item) => !byWebflowId.has(item.id))
    .map((item) => ({
      item,
      match: bySlug.get(item.fieldData.slug),
      copyOf: bySlug.get(copiedSlug(item.fieldData.slug) ?? ''),
    }))
  const duplicatedSlugs = new Set(unknown.map((u) => u.item.fieldData.slug))
  const linked: LinkedItem[] = []
  const unlisted: HubRow[] = []
  for (const row of rows) {
    const staged = row.itemLink?.webflowItemId ? snapshot.staged.get(row.itemLink.webflowItemId) : undefined
    if (!staged) unlisted.push(row)
    else
      linked.push({
        row: row as LinkedItem['row'],
        staged,
        live: snapshot.live.get(staged.id),
        duplicated: duplicatedSlugs.has(row.item.slug),
      })
  }
  const out: Classified = { drifts: [], refresh: [], linked: [] }
  const adopted = new Set<string>()
  classifyPage(link, unknown, linked, hubIds, memory, adopted, out)
  classifyUnlisted(link, unlisted, adopted, out)
  return out
}

/**
 * One page of the listing: Webflow items no item link knows (a duplicate, an unlinked match, or new
 * to the hub), then linked items, both sides present. Items with a push pending (dirty), a create in
 * flight, a conflict held for review or a failed write are the sync's own business and are left
 * out; everything else that disagrees is drift. Hub items an unknown Webflow item will be linked to
 * are added to `adopted`.
 */
export function classifyPage(
  link: Link,
  unknown: UnknownItem[],
  linked: LinkedItem[],
  hubIds: Map<string, string>,
  memory: Map<string, FieldMemory>,
  adopted: Set<string>,
  out: Classified,
): void {
  const pushes = link.direction !== 'pull-only'
  const pulls = link.direction !== 'push-only'
  const add = adder(out)
  const content = (item: CollectionItem, il: ItemLink | null | undefined) =>
    webflowContentOf(link, item, hubIds, undefined, (il && memory.get(il.id)) || NO_MEMORY)

  for (const { item, match, copyOf } of unknown) {
    const slug = item.fieldData.slug
    const sample = { webflowItemId: item.id, slug }
    if (match?.listed) {
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
    if (
      copyOf?.listed &&
      sameApartFromStatus(
        { ...content(item, undefined), slug: copyOf.item.slug },
        hubContentOf(copyOf.item, link),
      )
    ) {
      add('duplicate', pushes ? { kind: 'deleteWebflow', item } : { kind: 'none' }, {
        ...sample,
        hubItemId: copyOf.item.id,
      })
      continue
    }
    add('missingInHub', pulls ? { kind: 'pull', item, itemLink: null } : { kind: 'none' }, sample)
  }

  for (const { row, staged: wfItem, live, duplicated } of linked) {
    const { item: hub, itemLink: il } = row
    const sample = { hubItemId: hub.id, slug: hub.slug, webflowItemId: il.webflowItemId }
    if (busy(il)) continue
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
    const classified = compare(link, hub, il, wfItem, live, (i) => content(i, il))
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
    // A second Webflow item of this hub item is deleted: the one kept gets the hub's content.
    if (duplicated && pushes) repair = toWebflow
    else if (classified.webflowChanged) repair = pulls ? toHub : toWebflow
    else repair = pushes ? toWebflow : { ...toHub, webflowWins: true }
    add(classified.cls, repair, sample)
  }
}

/**
 * Hub rows whose Webflow item was not listed, or that have none: created again in Webflow (or, on a
 * link that only pulls, deleted in the hub once the absence is confirmed).
 */
export function classifyUnlisted(link: Link, rows: HubRow[], adopted: Set<string>, out: Classified): void {
  const pushes = link.direction !== 'pull-only'
  const add = adder(out)
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
    if (hub.deletedAt || adopted.has(hub.id)) continue
    const repair: Repair = pushes
      ? { kind: 'create', hubItemId: hub.id, itemLink: il }
      : { kind: 'deleteHub', itemLink: il }
    add('missingOnWebflow', repair, sample, il.webflowItemId)
  }
}

const busy = (il: ItemLink | null | undefined) =>
  !!il && (il.dirty || !!il.createSentAt || il.syncState === 'conflict' || il.syncState === 'failed')

function adder(out: Classified) {
  return (cls: DriftClass, repair: Repair, s: Partial<DriftSample>, confirmGone?: string) =>
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

/** `post-2` → `post`, the slug Webflow suffixes when a create repeats a taken slug. */
export function copiedSlug(slug: string): string | undefined {
  return /^(.+)-(\d+)$/.exec(slug)?.[1]
}
