import {
  DRIFT_CLASSES,
  type DriftClass,
  type DriftSample,
  type ReconcileTrigger,
} from '@bindery/shared/api/reconcile'
import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import { finishReport, type ReportResult, startReport, zeroCounts } from '../db/drift-reports'
import { hasUnpushed, markAllForRepush } from '../db/item-links'
import { getLink, type Link, updateLink } from '../db/links'
import { inTransaction } from '../db/pool'
import { clearListing } from '../db/reconcile-listing'
import { listSiteLocales } from '../db/site-locales'
import { getSite } from '../db/sites'
import { recordDrift } from '../metrics/record-metrics'
import { applyItem } from '../sync/apply-delivery'
import { checkLinkSchema } from '../sync/check-link-schema'
import { chunks } from '../sync/push-plan'
import { refreshSiteLocales } from '../sync/site-locales-refresh'
import type { Classified, Drift } from './classify-drift'
import { compareListing, listWebflow } from './compare-listing'
import { confirmGone } from './confirm-gone'
import { countingClient } from './counting-client'
import { withLinkLock } from './link-lock'
import { reconcileLocales } from './reconcile-locales'
import { progressReporter, recordAgreement, repairDrift } from './repair-drift'

const SAMPLES = 10

export type ReconcileResult =
  | { skipped: 'no such link' | 'paused' | 'busy' }
  | { reportId: string; found: number; repaired: number; requests: number }

/**
 * Reconciles one link: lists the whole Webflow collection (staged and live, 100 items a request),
 * compares it with the item links and the hub a page at a time, repairs the drift per the link's
 * direction and policy and stores a drift report. `full` also re-applies every Webflow item and re-pushes every
 * hub item. A run the user asked for shows as `syncing` with progress; a scheduled one is quiet.
 */
export async function reconcileLink(
  ctx: AppContext,
  linkId: string,
  trigger: ReconcileTrigger,
): Promise<ReconcileResult> {
  const link = await getLink(ctx.db, linkId)
  if (!link || link.disconnectedAt) return { skipped: 'no such link' }
  if (link.state === 'paused' || (await getSite(ctx.db, link.siteId))?.paused) return { skipped: 'paused' }
  const result = await withLinkLock(ctx.db, link.id, () => run(ctx, link, trigger))
  return result ?? { skipped: 'busy' }
}

async function run(ctx: AppContext, linked: Link, trigger: ReconcileTrigger): Promise<ReconcileResult> {
  let link = linked
  const watched = trigger !== 'scheduled'
  const full = trigger === 'full'
  const reportId = await startReport(ctx.db, link, trigger)
  const wf = countingClient(await ctx.webflow.forSite(link.siteId))
  const report: ReportResult = {
    webflowItems: 0,
    hubItems: 0,
    requests: 0,
    found: zeroCounts(),
    repaired: zeroCounts(),
    samples: {},
  }
  try {
    // Webflow sends no webhook for schema edits: read the schema first, so the items are compared
    // through a field map that matches it (docs/webflow.md, "Collection schemas").
    const schema = await checkLinkSchema(ctx.db, wf.api, link)
    report.schema = schema.found
    if (schema.collectionGone) {
      report.requests = wf.calls()
      await finishReport(ctx.db, reportId, {
        ...report,
        error: schema.link.lastError ?? 'collection deleted',
      })
      return { reportId, found: 0, repaired: 0, requests: report.requests }
    }
    link = schema.link
    if (watched) await updateLink(ctx.db, link.id, { state: 'syncing', progressDone: 0, progressTotal: 0 })
    // A link made before Bindery knew locales learns its site's once, so deliveries route by locale.
    if (!(await listSiteLocales(ctx.db, link.siteId)).length)
      await refreshSiteLocales(ctx.db, wf.api, link.siteId)
    // The collection streams through Postgres: listed, then compared a page at a time (issue 17).
    const listed = await listWebflow(ctx, wf.api, link, reportId)
    const reapply = full && link.direction !== 'push-only'
    const compared = await compareListing(ctx, link, reportId, async (page, done) => {
      await recordAgreement(ctx, link, page.refresh)
      if (reapply) await fullResync(ctx, link, page.linked)
      if (watched) await updateLink(ctx.db, link.id, { progressDone: done, progressTotal: listed })
    })
    const drifts = await confirmGone(wf.api, link.webflowCollectionId, compared.drifts, listed)
    Object.assign(report, { webflowItems: listed, hubItems: compared.hubItems }, tally(drifts))

    const progress = watched ? progressReporter(ctx, link, listed + drifts.length) : undefined
    const outcome = await repairDrift(
      ctx,
      wf.api,
      link,
      drifts,
      reportId,
      progress && ((n) => progress(listed + n)),
    )
    report.repaired = outcome.repaired
    report.held = outcome.held
    // Every secondary locale, compared and repaired per locale version.
    addLocales(report, await reconcileLocales(ctx, wf.api, link))
    if (full && link.direction !== 'pull-only') await markAllForRepush(ctx.db, link.id, link.hubCollectionId)
    report.requests = wf.calls()
    await finishReport(ctx.db, reportId, report)
    recordDrift(report.found, report.repaired)
    await settle(ctx, link, watched)
    ctx.log.info({ link: link.id, trigger, found: report.found, requests: report.requests }, 'reconciled')
    return {
      reportId,
      found: sum(report.found),
      repaired: sum(report.repaired),
      requests: report.requests,
    }
  } catch (err) {
    report.requests = wf.calls()
    await finishReport(ctx.db, reportId, { ...report, error: (err as Error).message })
    if (watched) await updateLink(ctx.db, link.id, { state: 'live' })
    throw err
  } finally {
    await clearListing(ctx.db, reportId)
  }
}

/**
 * Full resync, one page of linked items: re-applies each Webflow item through the merge, so changes
 * only Webflow has reach the hub first; then every hub item is marked dirty with no synced hash, so
 * the push rewrites them all (markAllForRepush).
 */
async function fullResync(ctx: AppContext, link: Link, linked: Classified['linked']) {
  for (const batch of chunks(linked)) {
    await inTransaction(ctx.db, async (tx) => {
      for (const { itemLink, item } of batch) {
        // Without the synced hash, applyItem cannot take the item for an echo and merges it for real.
        await applyItem(tx, ctx, link, { ...itemLink, syncedHash: null }, item)
      }
    })
  }
}

/** Queues the push of anything left dirty; a watched run is done when nothing is left to push. */
async function settle(ctx: AppContext, link: Link, watched: boolean) {
  if ((await hasUnpushed(ctx.db, link.id)) && link.direction !== 'pull-only') {
    // The push's own progress takes over and returns the link to `live` when it is done.
    await enqueue(ctx, 'link-push', { linkId: link.id })
    return
  }
  if (watched) await updateLink(ctx.db, link.id, { state: 'live', lastSyncedAt: new Date() })
}

function tally(drifts: Drift[]) {
  const found = zeroCounts()
  const samples: Partial<Record<DriftClass, DriftSample[]>> = {}
  for (const d of drifts) {
    found[d.cls]++
    const list = samples[d.cls] ?? []
    if (list.length < SAMPLES) samples[d.cls] = [...list, d.sample]
  }
  return { found, samples }
}

function addLocales(report: ReportResult, locales: Awaited<ReturnType<typeof reconcileLocales>>) {
  if (!locales) return
  for (const c of DRIFT_CLASSES) {
    report.found[c] += locales.found[c]
    report.repaired[c] += locales.repaired[c]
  }
  for (const { cls, sample } of locales.samples) {
    const list = report.samples[cls] ?? []
    if (list.length < SAMPLES) report.samples[cls] = [...list, sample]
  }
}

function sum(counts: Record<DriftClass, number>): number {
  return DRIFT_CLASSES.reduce((n, c) => n + counts[c], 0)
}
