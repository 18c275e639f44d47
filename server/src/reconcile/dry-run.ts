import type { ConnectRequest, UpdateLinkRequest } from '@bindery/shared/api/links'
import type { PlanKind, PlanSample, SidePlan, SyncPlan } from '@bindery/shared/api/plans'
import type { CollectionItem } from '@bindery/shared/webflow'
import type { AppContext } from '../context/app-context'
import { getSiteCollection } from '../db/hub-collections'
import { countLocaleVersions } from '../db/hub-item-locales'
import { type HubItem, listLiveHubItems } from '../db/hub-items'
import { countDirtyLocales, type LocaleVersionCount } from '../db/item-link-locales'
import { type HubRow, hubIdsOf, type ItemLink, listHubSide } from '../db/item-links'
import type { Link } from '../db/links'
import { budgetOfSite, pendingOnToken } from '../db/rate-budgets'
import { localesOfLink } from '../db/site-locales'
import { contentHash } from '../sync/content-hash'
import { loadFieldMemory } from '../sync/field-memory'
import { fieldsToCreate, requestedPairs } from '../sync/field-plan'
import { isMassDelete } from '../sync/mass-delete'
import { mergeContent } from '../sync/merge'
import {
  addCounts,
  emptySide,
  planCost,
  pushRequests,
  queuedRequests,
  type RequestCounts,
  unseenEditPages,
  webflowSideOf,
} from '../sync/plan-cost'
import { hubContentOf, planPush } from '../sync/push-plan'
import { holdLivePart } from '../sync/site-publish-wait'
import { referencedWebflowIds, webflowContentOf } from '../sync/webflow-content'
import { notFound } from '../vocabulary/app-error'
import { classifyDrift, type Drift } from './classify-drift'
import { countingClient } from './counting-client'
import { webflowSnapshot } from './webflow-snapshot'

const SAMPLES = 20

/**
 * Dry runs: what Sync now, Full resync, a change of fields and Connect would do, from the decision
 * code the real runs use (classifyDrift, planPush, mergeContent), without writing anything on either
 * side. Webflow is only read: the schema and the collection's list pages (staged and live, 100 items
 * a request), which is what the real run reads first too, so those reads are part of its cost.
 */

/** "Sync now" (`full` false) or "Full resync" of a link. */
export async function planResync(ctx: AppContext, link: Link, full: boolean): Promise<SyncPlan> {
  const wf = countingClient(await ctx.webflow.forSite(link.siteId))
  const b = new PlanBuilder(full ? 'full' : 'sync-now', link.id)
  await wf.api.getCollection(link.webflowCollectionId)
  const snapshot = await webflowSnapshot(wf.api, link.webflowCollectionId)
  const reads = { schema: 1, list: wf.calls() - 1 }
  const rows = await listHubSide(ctx.db, link.id, link.hubCollectionId)
  const memory = await loadFieldMemory(
    ctx.db,
    rows.flatMap((r) => (r.itemLink ? [r.itemLink.id] : [])),
  )
  const refs = referencedWebflowIds(link, [...snapshot.staged.values(), ...snapshot.live.values()])
  const classified = classifyDrift(link, rows, snapshot, await hubIdsOf(ctx.db, refs), memory)
  // Absent items are confirmed one by one before a repair acts on them (confirm-gone.ts).
  const checks = classified.drifts.filter((d) => d.confirmGone).length
  const pushes = link.direction !== 'pull-only'

  // What the push will find dirty once the reconcile has marked its repairs (and, on a full resync,
  // every hub item with no synced hash).
  const byHubId = new Map(rows.map((r) => [r.item.id, r]))
  const dirty = new Map<string, { itemLink: ItemLink; item: HubItem }>()
  for (const r of rows) if (r.itemLink?.dirty) dirty.set(r.item.id, { itemLink: r.itemLink, item: r.item })
  for (const d of classified.drifts) b.drift(link, d, byHubId, dirty, snapshot.staged)
  if (full && pushes)
    for (const r of rows) {
      if (r.item.deletedAt) continue
      const il = dirty.get(r.item.id)?.itemLink ?? r.itemLink ?? blankItemLink(link, r.item.id)
      if (il.syncState === 'conflict') continue
      dirty.set(r.item.id, { item: r.item, itemLink: { ...il, syncedHash: null, dirty: true } })
    }
  let writes: RequestCounts = {}
  if (pushes) {
    const plan = holdLivePart(planPush([...dirty.values()], link), link)
    const updates = [...plan.updateLive, ...plan.updateStaged]
    // What the push will know of each item's Webflow edit time: a full resync re-applies every item
    // first, so it knows the listing's; otherwise its item link's.
    const known = (p: (typeof updates)[number]) => {
      const seen =
        full && p.itemLink.webflowItemId ? snapshot.staged.get(p.itemLink.webflowItemId) : undefined
      const recorded = p.itemLink.webflowLastUpdated?.getTime() ?? 0
      // Recording keeps the later of the two (recordSynced).
      return seen ? Math.max(recorded, new Date(seen.lastUpdated).getTime()) : recorded
    }
    const oldest = Math.min(...updates.map(known))
    const pages = unseenEditPages(
      [...snapshot.staged.values()].map((i) => i.lastUpdated),
      oldest,
    )
    writes = b.push(link, plan, snapshot.staged.size, ctx.config.deleteHold, {
      unseenEditPages: pages,
      localeVersions: await countDirtyLocales(ctx.db, link.id),
    })
  }
  const publishSite: RequestCounts = { site: link.publishSite && (writes.create || writes.update) ? 1 : 0 }
  return b.finish(ctx, link.siteId, addCounts(reads, { check: checks }, writes, publishSite), wf.calls())
}

/** A change of a link's fields: Webflow fields to create, and every item pushed again when fields are added. */
export async function planFields(ctx: AppContext, link: Link, req: UpdateLinkRequest): Promise<SyncPlan> {
  const b = new PlanBuilder('fields', link.id)
  const pairs = requestedPairs(req)
  const wf = countingClient(await ctx.webflow.forSite(link.siteId))
  const collection = await wf.api.getCollection(link.webflowCollectionId)
  const byKind: RequestCounts = { schema: 1 }
  if (pairs) {
    const hub = await getSiteCollection(ctx.db, link.siteId, link.hubCollectionId)
    if (!hub) throw notFound('hub collection')
    const create = fieldsToCreate(hub, collection, pairs)
    b.plan.fieldsToCreate = create.map((f) => ({ slug: f.slug, displayName: f.name, type: f.type }))
    // Each field is created, then the schema read again (update-link.ts).
    byKind.schema = 1 + 2 * create.length
    const added = pairs.some(
      (p) => !link.fieldMap.some((f) => f.hubSlug === p.hubSlug && f.webflowSlug === p.webflowSlug),
    )
    if (added && link.direction !== 'pull-only') {
      const rows = (await listHubSide(ctx.db, link.id, link.hubCollectionId)).filter(
        (r) => r.itemLink?.webflowItemId && !r.item.deletedAt,
      )
      const plan = planPush(
        rows.map((r) => ({ item: r.item, itemLink: { ...r.itemLink!, dirty: true } })),
        link,
      )
      // The pushed content has new fields, so nothing is "unchanged": every item is an update.
      const forced = {
        ...plan,
        clean: [],
        updateLive: [...plan.updateLive],
        updateStaged: [...plan.updateStaged],
      }
      for (const p of plan.clean)
        (p.item.status === 'published' ? forced.updateLive : forced.updateStaged).push(p)
      Object.assign(
        byKind,
        b.push(link, forced, rows.length, ctx.config.deleteHold, {
          localeVersions: await countDirtyLocales(ctx.db, link.id),
        }),
      )
    }
  }
  return b.finish(ctx, link.siteId, byKind, wf.calls())
}

/** Connect: the collection and fields to create, and what the first sync does to each item. */
export async function planConnect(ctx: AppContext, siteId: string, req: ConnectRequest): Promise<SyncPlan> {
  const b = new PlanBuilder('connect', null)
  const wf = countingClient(await ctx.webflow.forSite(siteId))
  if (req.mode === 'publish') {
    const hub = await getSiteCollection(ctx.db, siteId, req.hubCollectionId)
    if (!hub) throw notFound('hub collection')
    b.plan.collectionToCreate = { displayName: hub.name, slug: hub.slug }
    b.plan.fieldsToCreate = hub.fields
      .filter((f) => req.fields.includes(f.slug))
      .map((f) => ({ slug: f.slug, displayName: f.name, type: f.type }))
    const items = await listLiveHubItems(ctx.db, hub.id)
    const fake = { id: '', awaitingSitePublish: true, fieldMap: [] } as unknown as Link
    const plan = holdLivePart(
      planPush(
        items.map((item) => ({ item, itemLink: blankItemLink(fake, item.id) })),
        fake,
      ),
      fake,
    )
    // Every translation the hub has in a locale of the site follows its item (connect.ts).
    const { secondary } = await localesOfLink(ctx.db, siteId, hub.id)
    const localeVersions = await countLocaleVersions(
      ctx.db,
      hub.id,
      secondary.map((l) => l.tag),
    )
    const byKind = addCounts(
      { schema: 2 }, // the site's locales, then the collection with its fields
      b.push({ ...fake, deleteMode: 'delete' } as Link, plan, 0, ctx.config.deleteHold, { localeVersions }),
      req.publishSite ? { site: 1 } : ({} as RequestCounts),
    )
    // Published items go live with the site publish that makes the collection live.
    b.plan.webflow.publish = items.filter((i) => i.status === 'published').length
    return b.finish(ctx, siteId, byKind, wf.calls())
  }
  const { collections } = await wf.api.listCollections(siteId)
  if (!collections.some((c) => c.id === req.webflowCollectionId))
    throw notFound('Webflow collection on this site')
  const collection = await wf.api.getCollection(req.webflowCollectionId)
  const snapshot = await webflowSnapshot(wf.api, req.webflowCollectionId, { live: false })
  const byKind: RequestCounts = { schema: 3, list: Math.max(1, Math.ceil(snapshot.staged.size / 100)) }
  const hub = req.mode === 'link' ? await getSiteCollection(ctx.db, siteId, req.hubCollectionId) : undefined
  if (req.mode === 'link' && !hub) throw notFound('hub collection')
  const hubItems = hub ? await listLiveHubItems(ctx.db, hub.id) : []
  const bySlug = new Map(hubItems.map((i) => [i.slug, i]))
  const fieldMap =
    req.mode === 'link'
      ? req.fields.map((p) => ({ hubSlug: p.hubSlug, webflowSlug: p.webflowSlug }))
      : req.fields.map((s) => ({ hubSlug: s, webflowSlug: s }))
  const link = {
    id: '',
    siteId,
    webflowCollectionId: collection.id,
    direction: req.direction,
    fieldMap: fieldMap.map((f) => ({ ...f, webflowFieldId: '', type: 'text' })),
  } as unknown as Link
  const matched = new Set<string>()
  for (const item of snapshot.staged.values()) {
    const hubItem = bySlug.get(item.fieldData.slug)
    if (!hubItem) {
      b.add('hub', 'create', item.fieldData.slug, item.fieldData.name, null, item.id)
      continue
    }
    matched.add(hubItem.id)
    const hubContent = hubContentOf(hubItem, link)
    const wfContent = webflowContentOf(link, item, new Map())
    if (contentHash(hubContent) === contentHash(wfContent)) b.plan.unchanged++
    else if (req.mode === 'link' && req.firstMatchWinner === 'hub') {
      b.add('webflow', 'update', hubItem.slug, hubItem.name, hubItem.id, item.id)
    } else b.add('hub', 'update', hubItem.slug, hubItem.name, hubItem.id, item.id)
  }
  const onlyHub = hubItems.filter((i) => !matched.has(i.id))
  if (req.direction !== 'pull-only') {
    for (const i of onlyHub) b.add('webflow', 'create', i.slug, i.name, i.id, null)
    byKind.create = Math.ceil(onlyHub.length / 100)
    byKind.update = Math.ceil(b.plan.webflow.update / 100)
    b.plan.webflow.publish += onlyHub.filter((i) => i.status === 'published').length
  }
  return b.finish(ctx, siteId, byKind, wf.calls())
}

const blankItemLink = (link: Pick<Link, 'id'>, hubItemId: string): ItemLink => ({
  id: `planned:${hubItemId}`,
  linkId: link.id,
  hubItemId,
  webflowItemId: null,
  syncState: 'pending',
  dirty: true,
  createSentAt: null,
  syncedHash: null,
  base: null,
  webflowState: null,
  webflowLastUpdated: null,
  lastPushedAt: null,
  lastPulledAt: null,
  lastError: null,
})

/** Gathers a plan's numbers and samples. */
class PlanBuilder {
  plan: SyncPlan
  constructor(kind: PlanKind, linkId: string | null) {
    this.plan = {
      kind,
      linkId,
      webflow: emptySide(),
      hub: emptySide(),
      unchanged: 0,
      conflicts: [],
      heldDeletes: 0,
      collectionToCreate: null,
      fieldsToCreate: [],
      samples: [],
      cost: planCost({}, 0, 60),
      reads: 0,
      notes: [],
      computedAt: new Date().toISOString(),
    }
  }

  add(
    side: 'hub' | 'webflow',
    action: keyof SidePlan,
    slug: string,
    name: string,
    hubItemId: string | null,
    webflowItemId: string | null,
  ) {
    this.plan[side][action]++
    const same = this.plan.samples.filter((s) => s.side === side && s.action === action).length
    if (same < SAMPLES)
      this.plan.samples.push({ side, action, slug, name, hubItemId, webflowItemId } as PlanSample)
  }

  /** One drift of the reconcile: what its repair does (pushes are left for the push plan). */
  drift(
    link: Link,
    d: Drift,
    byHubId: Map<string, HubRow>,
    dirty: Map<string, { itemLink: ItemLink; item: HubItem }>,
    staged: Map<string, CollectionItem>,
  ) {
    const r = d.repair
    const row = d.sample.hubItemId ? byHubId.get(d.sample.hubItemId) : undefined
    const slug = d.sample.slug ?? ''
    switch (r.kind) {
      case 'pull': {
        if (link.direction === 'push-only' && row) {
          dirty.set(row.item.id, {
            item: row.item,
            itemLink: { ...row.itemLink!, webflowItemId: r.item.id, syncedHash: null },
          })
          return
        }
        if (!r.itemLink && !row)
          return this.add('hub', 'create', slug, r.item.fieldData.name, null, r.item.id)
        const hubItem = row?.item
        if (hubItem && r.itemLink) {
          const merged = mergeContent(
            r.itemLink.base,
            hubContentOf(hubItem, link),
            webflowContentOf(link, r.item, new Map()),
            r.webflowWins ? 'webflow' : link.conflictPolicy,
            true,
          )
          if (merged.conflicts.length)
            this.plan.conflicts.push({
              slug,
              fields: merged.conflicts.map((c) => c.field),
              winner:
                link.conflictPolicy === 'review'
                  ? 'review'
                  : link.conflictPolicy === 'hub'
                    ? 'hub'
                    : 'webflow',
            })
        }
        return this.add('hub', 'update', slug, hubItem?.name ?? slug, d.sample.hubItemId, r.item.id)
      }
      case 'push':
        if (row)
          dirty.set(row.item.id, {
            item: row.item,
            itemLink: {
              ...r.itemLink,
              dirty: true,
              syncedHash: null,
              syncState: 'pending',
              webflowState: r.observed,
            },
          })
        return
      case 'create':
        if (row)
          dirty.set(row.item.id, {
            item: row.item,
            itemLink: {
              ...(r.itemLink ?? blankItemLink(link, row.item.id)),
              webflowItemId: null,
              dirty: true,
              syncedHash: null,
              createSentAt: null,
            },
          })
        return
      case 'deleteWebflow':
        return this.add('webflow', 'delete', slug, r.item.fieldData.name, d.sample.hubItemId, r.item.id)
      case 'deleteHub':
        if (link.deleteMode === 'hold') this.plan.heldDeletes++
        else
          this.add(
            'hub',
            link.deleteMode === 'archive' ? 'archive' : 'delete',
            slug,
            row?.item.name ?? slug,
            d.sample.hubItemId,
            d.sample.webflowItemId,
          )
        return
      default:
        void staged
    }
  }

  /** The push plan's items and requests; deletes that would wait for a person are counted, not sent. */
  push(
    link: Link,
    plan: ReturnType<typeof planPush>,
    collectionSize: number,
    policy: AppContext['config']['deleteHold'],
    extra: { unseenEditPages?: number; localeVersions?: LocaleVersionCount } = {},
  ) {
    const held =
      link.deleteMode === 'hold' || isMassDelete(plan.remove.length, collectionSize, policy)
        ? plan.remove
        : []
    if (held.length && link.deleteMode !== 'archive') {
      this.plan.heldDeletes += held.length
      plan = { ...plan, remove: [] }
    }
    const archive = link.deleteMode === 'archive'
    const side = webflowSideOf(plan, archive)
    const sample = (action: keyof SidePlan, items: typeof plan.createLive) => {
      for (const p of items.slice(0, SAMPLES))
        this.plan.samples.push({
          side: 'webflow',
          action,
          slug: p.item.slug,
          name: p.item.name,
          hubItemId: p.item.id,
          webflowItemId: p.itemLink.webflowItemId,
        })
    }
    sample('create', [...plan.createLive, ...plan.createStaged])
    sample('update', [...plan.updateLive, ...plan.updateStaged])
    sample(archive ? 'archive' : 'delete', plan.remove)
    for (const k of Object.keys(side) as (keyof SidePlan)[]) this.plan.webflow[k] += side[k]
    this.plan.unchanged += plan.clean.length
    if (plan.held.length) this.plan.notes.push(`${plan.held.length} items wait for a conflict to be resolved`)
    return pushRequests(plan, {
      archive,
      readsWebflow: link.direction === 'two-way',
      collectionSize,
      ...extra,
    })
  }

  async finish(ctx: AppContext, siteId: string, byKind: RequestCounts, reads: number): Promise<SyncPlan> {
    const [perMinute, pending] = await Promise.all([
      budgetOfSite(ctx.db, siteId),
      pendingOnToken(ctx.db, siteId, this.plan.linkId),
    ])
    this.plan.cost = planCost(byKind, queuedRequests(pending), perMinute)
    this.plan.reads = reads
    return this.plan
  }
}
