import type { CollectionItem } from '@bindery/shared/webflow'
import type { AppContext } from '../context/app-context'
import {
  type HubRow,
  hubIdsOf,
  hubRowsBySlug,
  hubRowsOfWebflowItems,
  listUnlistedHubSide,
  slugsListedUnlinked,
} from '../db/item-links'
import type { Link } from '../db/links'
import { addToListing, countListed, type ListingEntry, listingPage } from '../db/reconcile-listing'
import { loadFieldMemory } from '../sync/field-memory'
import { referencedWebflowIds } from '../sync/webflow-content'
import type { WebflowApi } from '../webflow/webflow-client'
import { type Classified, type Drift, driftScope } from './classify-drift'
import { classifyLinkedItem, type UnknownItemsSettled } from './classify-linked-item'
import { classifyUnknownItem } from './classify-unknown-item'
import { eachListPage } from './webflow-snapshot'

// Items compared a page: each page costs a few queries, whatever the collection's size.
const PAGE = 500
// Listed items written to the run's listing a statement.
const INSERT_BATCH = 500
const FIRST_UUID = '00000000-0000-0000-0000-000000000000'

/**
 * Lists the Webflow collection, staged and live at once, into the run's listing in Postgres, a page
 * as it comes. Returns how many staged items it listed.
 */
export async function listWebflow(ctx: AppContext, wf: WebflowApi, link: Link, reportId: string) {
  const list = async (live: boolean) => {
    // List pages go in a few at a time: fewer statements, and still a bounded buffer.
    const buffer: ListingEntry[] = []
    const flush = () => addToListing(ctx.db, reportId, buffer.splice(0), live)
    await eachListPage(wf, link.webflowCollectionId, live, async (items, offset) => {
      for (const [i, item] of items.entries()) buffer.push({ item, seq: offset + i })
      if (buffer.length >= INSERT_BATCH) await flush()
    })
    await flush()
  }
  await Promise.all([list(false), list(true)])
  return (await countListed(ctx.db, reportId)).count
}

/**
 * Compares the run's listing with the hub a page at a time (a few queries a page, through the same
 * classifiers as a whole snapshot: classify-drift.ts), then sweeps the hub rows whose Webflow item
 * was not listed. Agreement and linked items go to `onPage` page by page; the drifts (the
 * exceptions) are returned with the number of hub rows compared.
 */
export async function compareListing(
  ctx: AppContext,
  link: Link,
  reportId: string,
  onPage: (page: Classified, compared: number) => Promise<void>,
): Promise<{ drifts: Drift[]; hubItems: number }> {
  const drifts: Drift[] = []
  const settled: UnknownItemsSettled = { adopted: new Set(), keptAfterDuplicate: new Set() }
  let hubItems = 0
  let compared = 0
  const { last } = await countListed(ctx.db, reportId)
  for (let from = 0; from <= last; from += PAGE) {
    const { page, linked, duplicated, memory } = await readPage(ctx, link, reportId, from)
    if (!page.length) continue
    const unknown = page.filter((p) => !linked.has(p.staged.id)).map((p) => p.staged)
    // The hub items an unknown Webflow item may match (its slug, or the slug its `-2` copies), with
    // their own Webflow items as listed: enough for the duplicate check, without the whole listing.
    const slugs = unknown.flatMap((i) =>
      [i.fieldData.slug, /^(.+)-\d+$/.exec(i.fieldData.slug)?.[1] ?? []].flat(),
    )
    const matches = slugs.length
      ? await hubRowsBySlug(ctx.db, link.id, link.hubCollectionId, slugs, reportId)
      : { rows: new Map<string, HubRow>(), listed: [] }
    const rows = [...linked.values()]
    for (const r of rows) if (duplicated.has(r.item.slug)) settled.keptAfterDuplicate.add(r.itemLink!.id)
    const staged = new Map<string, CollectionItem>()
    const live = new Map<string, CollectionItem>()
    for (const item of matches.listed) staged.set(item.id, item)
    for (const p of page) {
      staged.set(p.staged.id, p.staged)
      if (p.live) live.set(p.live.id, p.live)
    }
    const scope = driftScope(
      link,
      rows,
      { staged, live },
      await hubIdsOf(ctx.db, referencedWebflowIds(link, [...staged.values(), ...live.values()])),
      memory,
    )
    for (const [slug, row] of matches.rows) scope.bySlug.set(slug, row)
    const out: Classified = { drifts: [], refresh: [], linked: [] }
    for (const item of unknown) {
      const v = classifyUnknownItem(scope, item)
      if (v.kind === 'inFlight') continue
      if (v.kind === 'unlinkedMatch') settled.adopted.add(v.adopts)
      out.drifts.push(v.drift)
    }
    for (const row of rows) collect(out, classifyLinkedItem(scope, row, settled))
    hubItems += rows.length
    compared += page.length
    drifts.push(...out.drifts)
    await onPage(out, compared)
  }
  // Hub rows whose Webflow item was not listed, or that have none: an empty snapshot says so.
  const none = { staged: new Map(), live: new Map() }
  for (let after = FIRST_UUID; ; ) {
    const rows = await listUnlistedHubSide(ctx.db, link.id, link.hubCollectionId, reportId, after, PAGE)
    if (!rows.length) break
    after = rows[rows.length - 1]!.item.id
    hubItems += rows.length
    const scope = driftScope(link, rows, none, new Map())
    const out: Classified = { drifts: [], refresh: [], linked: [] }
    for (const row of rows) collect(out, classifyLinkedItem(scope, row, settled))
    drifts.push(...out.drifts)
    // A short page was the last: another query would only scan the collection again to find none.
    if (rows.length < PAGE) break
  }
  return { drifts, hubItems }
}

/**
 * The reads of one page of the comparison: its listed items, the hub rows linked to them, the slugs
 * of those that a second, unlinked Webflow item also has, and their item links' field memory.
 */
async function readPage(ctx: AppContext, link: Link, reportId: string, from: number) {
  const page = await listingPage(ctx.db, reportId, from, PAGE)
  const linked = await hubRowsOfWebflowItems(
    ctx.db,
    link.id,
    link.hubCollectionId,
    page.map((p) => p.staged.id),
  )
  const rows = [...linked.values()]
  // A linked item with a second Webflow item of its slug on any page: the one kept gets the hub's.
  const duplicated = await slugsListedUnlinked(
    ctx.db,
    link.id,
    reportId,
    rows.map((r) => r.item.slug),
  )
  const memory = await loadFieldMemory(
    ctx.db,
    rows.map((r) => r.itemLink!.id),
  )
  return { page, linked, duplicated, memory }
}

function collect(out: Classified, v: ReturnType<typeof classifyLinkedItem>) {
  if (v.kind === 'drift') out.drifts.push(v.drift)
  else if (v.kind === 'agree') out.linked.push({ itemLink: v.itemLink, item: v.item })
  else if (v.kind === 'refresh') {
    out.refresh.push(v.refresh)
    out.linked.push({ itemLink: v.refresh.itemLink, item: v.refresh.item })
  }
}
