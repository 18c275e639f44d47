import type { DriftClass, DriftCounts, DriftSample } from '@bindery/shared/api/reconcile'
import type { CollectionItem } from '@bindery/shared/webflow'
import type { AppContext } from '../context/app-context'
import { zeroCounts } from '../db/drift-reports'
import { listLocaleVersions } from '../db/hub-item-locales'
import {
  type LocaleSyncedRecord,
  listItemLinkLocales,
  recordLocaleSynced,
  requeueLocales,
} from '../db/item-link-locales'
import type { HubRow } from '../db/item-links'
import { hubIdsOf } from '../db/item-links'
import type { Link } from '../db/links'
import { inTransaction } from '../db/pool'
import { localesOfLink } from '../db/site-locales'
import { applyLocaleItem } from '../sync/apply-locale-delivery'
import { contentHash } from '../sync/content-hash'
import { localeContentOf, localePart } from '../sync/locale-content'
import { referencedWebflowIds, webflowContentOf } from '../sync/webflow-content'
import type { WebflowApi } from '../webflow/webflow-client'
import { classifyLocaleVersion } from './classify-locale-drift'

const PAGE = 100

export type LocaleReconcile = {
  versions: number
  found: DriftCounts
  repaired: DriftCounts
  samples: { cls: DriftClass; sample: DriftSample }[]
  pushNeeded: boolean
}

/**
 * Reconciles every secondary locale the link syncs: one list request per locale per 100 items (with
 * `cmsLocaleId`, docs/webflow.md "Localization"), each variant compared by hash with the hub's
 * version of that locale and the last sync of it, drift repaired per locale. Null on a primary-only link.
 */
export async function reconcileLocales(
  ctx: AppContext,
  wf: WebflowApi,
  link: Link,
  rows: HubRow[],
): Promise<LocaleReconcile | null> {
  const { secondary } = await localesOfLink(ctx.db, link.siteId, link.hubCollectionId)
  if (!secondary.length) return null
  const out: LocaleReconcile = {
    versions: 0,
    found: zeroCounts(),
    repaired: zeroCounts(),
    samples: [],
    pushNeeded: false,
  }
  const byWebflowId = new Map<string, HubRow>()
  for (const r of rows)
    if (r.itemLink?.webflowItemId && !r.item.deletedAt) byWebflowId.set(r.itemLink.webflowItemId, r)
  for (const { tag, cmsLocaleId } of secondary) {
    for (let offset = 0; ; offset += PAGE) {
      const page = await wf.listItems(link.webflowCollectionId, { offset, limit: PAGE, cmsLocaleId })
      await compare(ctx, link, tag, page.items, byWebflowId, out)
      out.versions += page.items.length
      if (offset + PAGE >= page.pagination.total || !page.items.length) break
    }
  }
  return out
}

async function compare(
  ctx: AppContext,
  link: Link,
  tag: string,
  variants: CollectionItem[],
  byWebflowId: Map<string, HubRow>,
  out: LocaleReconcile,
) {
  const mine = variants.flatMap((v) => {
    const row = byWebflowId.get(v.id)
    return row ? [{ v, row }] : []
  })
  if (!mine.length) return
  const hubItemIds = mine.map((m) => m.row.item.id)
  const versions = new Map((await listLocaleVersions(ctx.db, hubItemIds, tag)).map((v) => [v.hubItemId, v]))
  const states = new Map(
    (await listItemLinkLocales(ctx.db, link.id, hubItemIds))
      .filter((s) => s.tag === tag)
      .map((s) => [s.hubItemId, s]),
  )
  const hubIds = await hubIdsOf(ctx.db, referencedWebflowIds(link, variants))
  const refresh: LocaleSyncedRecord[] = []
  const pulls: { hubItemId: string; v: CollectionItem }[] = []
  const pushes: { hubItemId: string; tag: string }[] = []
  for (const { v, row } of mine) {
    const version = versions.get(row.item.id)
    const state = states.get(row.item.id)
    const hub = localeContentOf(row.item, version, link.fieldMap)
    const incoming = localePart(webflowContentOf(link, v, hubIds), link.fieldMap, row.item.status)
    const verdict = classifyLocaleVersion(
      {
        hub: contentHash(hub),
        webflow: contentHash(incoming),
        synced: state?.syncedHash ?? null,
        dirty: !!state?.dirty,
      },
      link.direction,
    )
    if (verdict.kind === 'agree' && verdict.refresh) {
      refresh.push({
        hubItemId: row.item.id,
        tag,
        hash: contentHash(hub),
        base: hub,
        webflowLastUpdated: v.lastUpdated,
        version: version?.version ?? 0,
      })
    }
    if (verdict.kind !== 'drift') continue
    out.found[verdict.cls]++
    out.samples.push({
      cls: verdict.cls,
      sample: { hubItemId: row.item.id, webflowItemId: v.id, slug: `${tag}:${hub.slug}` },
    })
    if (verdict.repair === 'pull') pulls.push({ hubItemId: row.item.id, v })
    if (verdict.repair === 'push') pushes.push({ hubItemId: row.item.id, tag })
    if (verdict.repair !== 'none') out.repaired[verdict.cls]++
  }
  await recordLocaleSynced(ctx.db, link.id, 'pull', refresh)
  await inTransaction(ctx.db, async (tx) => {
    for (const p of pulls) await applyLocaleItem(tx, ctx, link, p.hubItemId, tag, p.v)
  })
  await requeueLocales(ctx.db, link.id, pushes)
  if (pushes.length || pulls.length) out.pushNeeded = true
}
