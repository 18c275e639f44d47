import {
  hubIdsOf,
  hubRowsBySlug,
  hubRowsOfWebflowItems,
  listUnlistedHubSide,
  slugsListedUnlinked,
} from '../db/item-links'
import type { Link } from '../db/links'
import { addToListing, countListed, listingPage } from '../db/reconcile-listing'
import type { JobContext } from '../jobs/job-context'
import { loadFieldMemory } from '../sync/field-memory'
import { referencedWebflowIds } from '../sync/webflow-content'
import type { WebflowApi } from '../webflow/webflow-client'
import {
  type Classified,
  classifyPage,
  classifyUnlisted,
  copiedSlug,
  type Drift,
  type LinkedItem,
} from './classify-drift'
import { eachListPage } from './webflow-snapshot'

// Items compared a page: each page costs a few queries, whatever the collection's size.
const PAGE = 500
const FIRST_UUID = '00000000-0000-0000-0000-000000000000'

/**
 * Lists the Webflow collection, staged and live at once, into the run's listing in Postgres, a page
 * as it comes. Returns how many staged items it listed.
 */
export async function listWebflow(ctx: JobContext, wf: WebflowApi, link: Link, reportId: string) {
  await Promise.all([
    eachListPage(wf, link.webflowCollectionId, false, (items) =>
      addToListing(ctx.db, reportId, items, false),
    ),
    eachListPage(wf, link.webflowCollectionId, true, (items) => addToListing(ctx.db, reportId, items, true)),
  ])
  return countListed(ctx.db, reportId)
}

/**
 * Compares the run's listing with the hub a page at a time (a few queries a page), then sweeps the
 * hub rows whose Webflow item was not listed. Agreement and linked items go to `onPage` page by
 * page; the drifts (the exceptions) are returned with the number of hub rows compared.
 */
export async function compareListing(
  ctx: JobContext,
  link: Link,
  reportId: string,
  onPage: (page: Classified, compared: number) => Promise<void>,
): Promise<{ drifts: Drift[]; hubItems: number }> {
  const drifts: Drift[] = []
  const adopted = new Set<string>()
  let hubItems = 0
  let compared = 0
  for (let after = ''; ; ) {
    const page = await listingPage(ctx.db, reportId, after, PAGE)
    if (!page.length) break
    after = page[page.length - 1]!.staged.id
    const rows = await hubRowsOfWebflowItems(
      ctx.db,
      link.id,
      link.hubCollectionId,
      page.map((p) => p.staged.id),
    )
    const linked: LinkedItem[] = []
    const unknown = page.filter((p) => !rows.has(p.staged.id)).map((p) => p.staged)
    for (const p of page) {
      const row = rows.get(p.staged.id)
      if (row)
        linked.push({ row: row as LinkedItem['row'], staged: p.staged, live: p.live, duplicated: false })
    }
    const slugs = unknown.flatMap((i) => [i.fieldData.slug, copiedSlug(i.fieldData.slug) ?? []].flat())
    const bySlug = slugs.length
      ? await hubRowsBySlug(ctx.db, link.id, link.hubCollectionId, slugs, reportId)
      : new Map()
    const duplicated = await slugsListedUnlinked(
      ctx.db,
      link.id,
      reportId,
      linked.map((l) => l.row.item.slug),
    )
    for (const l of linked) l.duplicated = duplicated.has(l.row.item.slug)
    const refs = referencedWebflowIds(
      link,
      page.flatMap((p) => (p.live ? [p.staged, p.live] : [p.staged])),
    )
    const memory = await loadFieldMemory(
      ctx.db,
      linked.map((l) => l.row.itemLink.id),
    )
    const out: Classified = { drifts: [], refresh: [], linked: [] }
    classifyPage(
      link,
      unknown.map((item) => ({
        item,
        match: bySlug.get(item.fieldData.slug),
        copyOf: bySlug.get(copiedSlug(item.fieldData.slug) ?? ''),
      })),
      linked,
      await hubIdsOf(ctx.db, refs),
      memory,
      adopted,
      out,
    )
    hubItems += rows.size
    compared += page.length
    drifts.push(...out.drifts)
    await onPage(out, compared)
  }
  for (let after = FIRST_UUID; ; ) {
    const rows = await listUnlistedHubSide(ctx.db, link.id, link.hubCollectionId, reportId, after, PAGE)
    if (!rows.length) break
    after = rows[rows.length - 1]!.item.id
    hubItems += rows.length
    const out: Classified = { drifts: [], refresh: [], linked: [] }
    classifyUnlisted(link, rows, adopted, out)
    drifts.push(...out.drifts)
  }
  return { drifts, hubItems }
}
