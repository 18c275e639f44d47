import type { CollectionItem } from '@bindery/shared/webflow'
import type { AppContext } from '../context/app-context'
import { appendAudit } from '../db/audit-log'
import {
  adoptWebflowItem,
  clearCreateSent,
  listDirty,
  markArchivedInWebflow,
  markClean,
  markCreateSent,
  markDeleted,
  markFailed,
  markPublished,
  progressOf,
  recordSynced,
  type SyncedRecord,
  webflowIdsOf,
} from '../db/item-links'
import { getSchemaState, type Link, updateLink } from '../db/links'
import { recordItemsPushed, recordSyncLatency } from '../metrics/record-metrics'
import type { WebflowState } from '../vocabulary/hub-content'
import { BudgetWait } from '../webflow/budget-scope'
import { WebflowApiError } from '../webflow/webflow-api-error'
import type { ItemWrite, WebflowApi } from '../webflow/webflow-client'
import { bisectRefused } from './bisect-batch'
import { eachOrGone, matchCreated, publishOutcome } from './bulk-outcome'
import { fieldDataToSend } from './field-data-to-send'
import { isLive, referencedIds, toWebflow, webflowStateOf } from './field-map'
import { type FieldMemory, loadFieldMemory, NO_MEMORY } from './field-memory'
import { findBySlug } from './find-by-slug'
import { holdMassDeletes } from './hold-deletes'
import { createInLocales, unpublishInLocales } from './locale-writes'
import { mergeOverwrittenEdits, mergeUnseenWebflowEdits } from './merge-unseen-webflow-edits'
import { linkLocaleIds, pushLocales } from './push-locales'
import { chunks, type PlannedItem, planPush } from './push-plan'
import { recordAnswers } from './record-answer'
import { guardWrite, isSchemaError, requiredUnmappedOf } from './schema-guard'
import { recheckSchema } from './schema-recheck'
import { holdLivePart, liveChecker } from './site-publish-wait'

export type PushStats = {
  created: number
  updated: number
  removed: number
  failed: number
  deferred: number
  /** The job's rounds ran out with items left: another push takes over where this one stopped. */
  more: boolean
}

const ROUND = 1_000
const MAX_ROUNDS = 50
/** How often a push reports its progress on the link while it runs (and once when it ends). */
const PROGRESS_EVERY_MS = 2_000
/** Bulk create requests a push has out at once (see `BatchWriter.create`). */
const CREATES_IN_FLIGHT = 2

/**
 * Writes a link's dirty hub items to Webflow with the bulk endpoints (≤ 100 items a request).
 * Creates are idempotent: a create whose answer never came is settled by looking its slug up before
 * anything is sent again, so one hub item never gets two Webflow items.
 */
export async function pushLink(ctx: AppContext, wf: WebflowApi, link: Link): Promise<PushStats> {
  const stats: PushStats = { created: 0, updated: 0, removed: 0, failed: 0, deferred: 0, more: false }
  const started = new Date()
  if (link.disconnectedAt || link.direction === 'pull-only' || link.state === 'paused') return stats
  // A link in error (its Webflow collection was deleted) waits for a person: recreate or disconnect.
  if (link.state === 'error') return stats
  const deferred = new Set<string>()
  // Every locale the link syncs, primary first (null on a primary-only link); read side by side, as
  // an edit's push waits for each round trip.
  const [schema, localeIds] = await Promise.all([
    getSchemaState(ctx.db, link.id),
    linkLocaleIds(ctx.db, link),
  ])
  const required = requiredUnmappedOf(schema.known, link.fieldMap)
  let schemaErrors = 0
  // Items in review wait for a person, not for a retry.
  const held = new Set<string>()
  const liveNow = liveChecker(ctx.db, wf, link)
  let reported = performance.now()
  for (let round = 0; ; round++) {
    if (round === MAX_ROUNDS) {
      stats.more = true
      break
    }
    const dirty = (await listDirty(ctx.db, link.id, ROUND)).filter(
      (d) => !deferred.has(d.itemLink.id) && !held.has(d.itemLink.id),
    )
    if (!dirty.length) break
    const unsettled = dirty.filter((d) => !d.itemLink.webflowItemId && d.itemLink.createSentAt)
    if (unsettled.length) {
      await settleCreates(ctx, wf, link, unsettled)
      continue
    }
    const plan = holdLivePart(planPush(dirty, link), link)
    for (const p of plan.held) held.add(p.itemLink.id)
    // Delete mode 'archive': the hub's deletes archive the Webflow items instead (nothing is lost).
    const archive = link.deleteMode === 'archive' ? plan.remove : []
    if (archive.length) plan.remove = []
    // A mass delete (or any delete, in delete mode 'hold') waits for a person: its items stay dirty.
    const deletes = await holdMassDeletes(ctx.db, ctx, link, 'webflow', 'push', plan.remove.map(heldItemOf))
    for (const p of plan.remove) if (!deletes.allowed.has(p.item.id)) held.add(p.itemLink.id)
    plan.remove = plan.remove.filter((p) => deletes.allowed.has(p.item.id))
    // A Webflow edit whose webhook was lost is merged before the push could overwrite it.
    if (await mergeUnseenWebflowEdits(ctx, wf, link, [...plan.updateLive, ...plan.updateStaged])) continue
    const refs = await webflowIdsOf(
      ctx.db,
      referencedIds(
        link.fieldMap,
        Object.values(plan).flatMap((group) => group.map((p) => p.content.fields)),
        'hubSlug',
      ),
    )
    const writer = new BatchWriter(ctx, wf, link, refs, stats, deferred, required, localeIds, liveNow)
    await markClean(ctx.db, plan.clean.map(cleanOf))
    await writer.create(plan.createLive, true)
    await writer.create(plan.createStaged, false)
    await writer.update(plan)
    await writer.remove(plan.remove)
    await writer.archive(archive)
    // Counting the link's items reads all of them: on a big link, every few seconds, not every round.
    if (performance.now() - reported >= PROGRESS_EVERY_MS) {
      await reportProgress(ctx, link)
      reported = performance.now()
    }
    schemaErrors += writer.schemaErrors
    if (writer.unanswered) {
      // Sending again now could duplicate; the retry settles these creates by slug first.
      throw new Error(
        `${writer.unanswered} creates got no answer from Webflow; they are settled by slug on retry`,
      )
    }
  }
  stats.deferred = deferred.size
  if (localeIds) stats.updated += await pushLocales(ctx, wf, link)
  await reportProgress(ctx, link)
  if (schemaErrors) await recheckSchema(ctx, wf, link, started)
  return stats
}

/**
 * Looks up the slugs of creates whose outcome is unknown and adopts what Webflow already has. Each
 * answer is recorded as it comes: a push that gives its slot back for its budget (a hundred lookups
 * can take more than a token's minute) goes on with the creates still unknown, not from the first.
 */
async function settleCreates(
  ctx: AppContext,
  wf: WebflowApi,
  link: Link,
  items: { itemLink: { id: string }; item: { slug: string } }[],
) {
  const bySlug = new Map(items.map((i) => [i.item.slug, i.itemLink.id]))
  let adopted = 0
  await findBySlug(wf, link.webflowCollectionId, [...bySlug.keys()], async (slug, existing) => {
    const itemLinkId = bySlug.get(slug)!
    if (existing) {
      await adopt(ctx, link, itemLinkId, existing)
      adopted++
    }
    // Not in Webflow: the create never landed, so sending it again is safe.
    else await clearCreateSent(ctx.db, [itemLinkId])
  })
  ctx.log.info({ link: link.id, adopted, resend: items.length - adopted }, 'settled unknown creates')
}

/** Links an existing Webflow item to the hub item; it stays dirty so the next round updates it. */
async function adopt(ctx: AppContext, link: Link, itemLinkId: string, item: CollectionItem) {
  await adoptWebflowItem(ctx.db, itemLinkId, item.id, webflowStateOf(item))
  await appendAudit(ctx.db, [
    {
      direction: 'push',
      action: 'webflow.adopt',
      siteId: link.siteId,
      subjectType: 'webflow_item',
      subjectId: item.id,
    },
  ])
}

const heldItemOf = (p: PlannedItem) => ({
  hubItemId: p.item.id,
  webflowItemId: p.itemLink.webflowItemId,
  slug: p.item.slug,
  name: p.item.name,
})

async function reportProgress(ctx: AppContext, link: Link) {
  const { total, done } = await progressOf(ctx.db, link.id)
  const settled = done === total
  await updateLink(ctx.db, link.id, {
    progressDone: done,
    progressTotal: total,
    ...(settled && (link.state === 'syncing' || link.state === 'connecting') ? { state: 'live' } : {}),
    ...(settled ? { lastSyncedAt: new Date() } : {}),
  })
}

/** Sends the planned groups in bulk and records what Webflow answered. */
class BatchWriter {
  /** Creates whose outcome is unknown (timeout, 5xx, connection reset). */
  unanswered = 0

  constructor(
    private ctx: AppContext,
    private wf: WebflowApi,
    private link: Link,
    private refs: Map<string, string>,
    private stats: PushStats,
    private deferred: Set<string>,
    private required: { slug: string; name: string }[],
    private localeIds: string[] | null,
    /** Which of these Webflow items a site publish took live: the live list, read once a push. */
    private liveNow: (webflowItemIds: string[]) => Promise<Set<string>>,
  ) {}

  /** Items Webflow refused for a schema reason: the schema is read again after the push. */
  schemaErrors = 0

  /** What Webflow made of each item link's assets and rich text on earlier writes. */
  private memory = new Map<string, FieldMemory>()

  /**
   * Turns planned items into writes; items with a bad value fail alone, unresolved references wait.
   * An update sends only what changed (`fieldDataToSend`).
   */
  private async writes(items: PlannedItem[], extra: (p: PlannedItem) => Partial<ItemWrite>, update = false) {
    const ok: Pending[] = []
    const memory = await loadFieldMemory(
      this.ctx.db,
      items.map((p) => p.itemLink.id),
    )
    for (const p of items) {
      const w = toWebflow(p.content, this.link.fieldMap, (id) => this.refs.get(id))
      if (w.errors.length) {
        await this.fail(p, w.errors.join('; '))
        continue
      }
      const guarded = guardWrite(w.fieldData, this.link.fieldMap, this.required, !update)
      if ('blocked' in guarded) {
        await this.fail(p, guarded.blocked)
        continue
      }
      const mem = memory.get(p.itemLink.id) ?? NO_MEMORY
      this.memory.set(p.itemLink.id, mem)
      const fieldData = fieldDataToSend(guarded.fieldData, p, this.link.fieldMap, mem, update)
      ok.push({ p, write: { fieldData, ...extra(p) }, unresolved: w.unresolved.length > 0 })
    }
    return ok
  }

  /**
   * Creates in bulk requests, CREATES_IN_FLIGHT of them at a time: the next request goes out while
   * the answer of the last one is recorded. Each chunk is marked as sent before its request, so a
   * crash with requests in flight leaves only creates that the next push settles by slug.
   */
  async create(items: PlannedItem[], live: boolean) {
    const inFlight: Promise<void>[] = []
    let failure: { err: unknown } | undefined
    try {
      for (const chunk of chunks(await this.writes(items, (p) => statusFlags(p)))) {
        if (inFlight.length >= CREATES_IN_FLIGHT) await inFlight.shift()
        if (failure) break
        const ids = chunk.map((c) => c.p.itemLink.id)
        await markCreateSent(this.ctx.db, ids)
        const sent = this.send(
          chunk,
          (writes) =>
            this.localeIds
              ? createInLocales(this.wf, this.link.webflowCollectionId, writes, this.localeIds, live)
              : this.wf.createItems(this.link.webflowCollectionId, writes, { live }),
          'create',
        ).catch(async (err) => {
          // The job gave its slot back before this one request went out, or after Webflow's 429
          // (README "Scheduling"): nothing to settle by slug. Locale creates take several requests,
          // some maybe answered: those are settled by slug, as after a crash.
          if (err instanceof BudgetWait && !this.localeIds) await clearCreateSent(this.ctx.db, ids)
          throw err
        })
        inFlight.push(
          sent.catch((err) => {
            failure ??= { err }
          }),
        )
      }
    } finally {
      // Never leave with a request out: the next push could look its slug up before it lands.
      await Promise.all(inFlight)
    }
    if (failure) throw failure.err
  }

  async update(plan: ReturnType<typeof planPush>) {
    const cid = this.link.webflowCollectionId
    for (const chunk of chunks(plan.unpublish)) {
      await eachOrGone(
        chunk.map((p) => p.itemLink.webflowItemId!),
        (ids) => unpublishInLocales(this.wf, cid, ids, this.localeIds),
      )
    }
    const live = await this.writes(
      plan.updateLive,
      (p) => ({ id: p.itemLink.webflowItemId!, ...statusFlags(p) }),
      true,
    )
    for (const chunk of chunks(live)) {
      await this.send(chunk, (writes) => this.wf.updateItems(cid, writes, { live: true }), 'update')
    }
    const staged = await this.writes(
      plan.updateStaged,
      (p) => ({
        id: p.itemLink.webflowItemId!,
        isArchived: p.item.status === 'archived',
        // Stays a draft until the publish below: publishing is its own call. A collection waiting for
        // its first site publish gets published items queued instead, for that publish to take live.
        isDraft: !(this.link.awaitingSitePublish && p.item.status === 'published'),
      }),
      true,
    )
    for (const chunk of chunks(staged)) {
      await this.send(chunk, (writes) => this.wf.updateItems(cid, writes, { live: false }), 'update')
    }
    // Publish-only items a site publish may have taken live meanwhile: read, not published again.
    const liveMeanwhile = await this.liveNow(plan.publishOnly.map((p) => p.itemLink.webflowItemId!))
    const wentLive = plan.publishOnly.filter((p) => liveMeanwhile.has(p.itemLink.webflowItemId!))
    await markPublished(
      this.ctx.db,
      wentLive.map((p) => p.itemLink.id),
    )
    await markClean(this.ctx.db, wentLive.map(cleanOf))
    const publishOnly = plan.publishOnly.filter((p) => !liveMeanwhile.has(p.itemLink.webflowItemId!))
    const toPublish = [...plan.publish, ...publishOnly].filter((p) => !this.deferred.has(p.itemLink.id))
    const onlyPublished = new Set(publishOnly.map((p) => p.itemLink.id))
    for (const chunk of chunks(toPublish)) {
      const ids = chunk.map((p) => p.itemLink.webflowItemId!)
      const { published, failed } = publishOutcome(ids, await this.wf.publishItems(cid, ids, this.localeIds))
      // Only what Webflow confirmed is published; the rest is reported on its item and retried.
      await markPublished(
        this.ctx.db,
        chunk.filter((p) => published.has(p.itemLink.webflowItemId!)).map((p) => p.itemLink.id),
      )
      for (const p of chunk) {
        const why = failed.get(p.itemLink.webflowItemId!)
        if (why) await this.fail(p, why)
      }
      await markClean(
        this.ctx.db,
        chunk
          .filter((p) => !failed.has(p.itemLink.webflowItemId!) && onlyPublished.has(p.itemLink.id))
          .map(cleanOf),
      )
    }
  }

  async remove(items: PlannedItem[]) {
    const cid = this.link.webflowCollectionId
    for (const chunk of chunks(items)) {
      const live = chunk.filter((p) => isLive(p.itemLink.webflowState))
      await eachOrGone(
        live.map((p) => p.itemLink.webflowItemId!),
        (ids) => unpublishInLocales(this.wf, cid, ids, this.localeIds),
      )
      // An id already gone in Webflow is deleted either way; every locale goes with it.
      await eachOrGone(
        chunk.map((p) => p.itemLink.webflowItemId!),
        (ids) => this.wf.deleteItems(cid, ids, this.localeIds),
      )
      await markDeleted(
        this.ctx.db,
        chunk.map((p) => p.itemLink.id),
        'push',
      )
      await this.audit(
        chunk.map((p) => ({ p, after: null })),
        'webflow.delete',
      )
      this.stats.removed += chunk.length
    }
  }

  /** Archives instead of deleting: unpublished first when live (docs/webflow.md, Archiving instead of deleting). */
  async archive(items: PlannedItem[]) {
    const cid = this.link.webflowCollectionId
    for (const chunk of chunks(items)) {
      const live = chunk.filter((p) => isLive(p.itemLink.webflowState))
      await eachOrGone(
        live.map((p) => p.itemLink.webflowItemId!),
        (ids) => unpublishInLocales(this.wf, cid, ids, this.localeIds),
      )
      const writes = chunk.map((p) => ({ id: p.itemLink.webflowItemId!, isArchived: true, fieldData: {} }))
      // An item already gone in Webflow has nothing left to archive.
      await eachOrGone(
        writes.map((w) => w.id),
        (ids) =>
          this.wf.updateItems(
            cid,
            writes.filter((w) => ids.includes(w.id)),
            { live: false },
          ),
      )
      await markArchivedInWebflow(
        this.ctx.db,
        chunk.map((p) => p.itemLink.id),
      )
      await this.audit(
        chunk.map((p) => ({ p, after: { isArchived: true } })),
        'webflow.archive',
      )
      this.stats.removed += chunk.length
    }
  }

  /**
   * Sends one bulk request. A 400 naming items fails those items alone and resends the rest; an
   * unknown outcome of a create is left for the slug lookup of the next round.
   */
  private async send(
    sent: Pending[],
    request: (writes: ItemWrite[]) => Promise<{ items: CollectionItem[] }>,
    kind: 'create' | 'update',
  ): Promise<void> {
    let chunk = sent
    if (!chunk.length) return
    let res: { items: CollectionItem[] }
    try {
      res = await request(chunk.map((c) => c.write))
    } catch (err) {
      if (!(err instanceof WebflowApiError)) throw err
      if (kind === 'create' && err.outcomeUnknown) {
        this.unanswered += chunk.length
        return
      }
      if (err.status !== 400) throw err
      const next = bisectRefused(chunk, err)
      if (next.kind === 'halve') {
        // Webflow did not say which item: halve until it does.
        for (const half of next.halves) await this.send(half, request, kind)
        return
      }
      for (const { item: c, reason } of next.culprits) {
        if (kind === 'create' && err.duplicateSlug) await this.adoptBySlug(c.p)
        else await this.fail(c.p, reason)
      }
      if (kind === 'create')
        await clearCreateSent(
          this.ctx.db,
          next.culprits.map(({ item: c }) => c.p.itemLink.id),
        )
      return this.send(next.rest, request, kind)
    }
    const byId = new Map(res.items.map((i) => [i.id, i]))
    // Created items are matched by slug, never by position; updates by id.
    const created =
      kind === 'create'
        ? matchCreated(
            chunk.map((c) => c.p.item.slug),
            res.items,
          )
        : []
    const answered = chunk.flatMap((c, i) => {
      const item = kind === 'update' ? byId.get(c.write.id!) : created[i]
      return item ? [{ c, item }] : []
    })
    // A write missing from the answer stays dirty: a create is settled by slug next round.
    chunk = answered.map((a) => a.c)
    if (kind === 'update')
      await mergeOverwrittenEdits(
        this.ctx,
        this.link,
        answered.map(({ c, item }) => ({ planned: c.p.itemLink, answer: item })),
      )
    const records: SyncedRecord[] = answered.map(({ c, item }) => {
      if (c.unresolved) this.deferred.add(c.p.itemLink.id)
      return {
        hubItemId: c.p.item.id,
        webflowItemId: item.id,
        hash: c.p.hash,
        base: c.p.content,
        webflowState: webflowStateOf(item) as WebflowState,
        webflowLastUpdated: item.lastUpdated,
        version: c.p.item.version,
        stillDirty: c.unresolved,
      }
    })
    await recordSynced(this.ctx.db, this.link.id, 'push', records)
    await this.recordAnswers(answered)
    await this.audit(
      chunk.map((c) => ({ p: c.p, after: c.write.fieldData })),
      `webflow.${kind}`,
    )
    if (kind === 'create') this.stats.created += chunk.length
    else this.stats.updated += chunk.length
  }

  /** Remembers what Webflow made of the assets and rich text sent; a skipped file is reported on the item. */
  private async recordAnswers(answers: { c: Pending; item: CollectionItem }[]) {
    const skipped = await recordAnswers(
      this.ctx.db,
      answers.map(({ c, item }) => ({
        itemLinkId: c.p.itemLink.id,
        sentFields: this.link.fieldMap.filter((f) => f.webflowSlug in c.write.fieldData),
        sent: c.p.content,
        answered: item,
        memory: this.memory.get(c.p.itemLink.id) ?? NO_MEMORY,
      })),
    )
    if (skipped.size)
      this.ctx.log.warn(
        { link: this.link.id, items: skipped.size },
        'Webflow skipped files it could not import',
      )
  }

  private async adoptBySlug(p: PlannedItem) {
    const found = await findBySlug(this.wf, this.link.webflowCollectionId, [p.item.slug])
    const item = found.get(p.item.slug)
    if (item) await adopt(this.ctx, this.link, p.itemLink.id, item)
    else await this.fail(p, `slug "${p.item.slug}" is taken in Webflow`)
  }

  private async fail(p: PlannedItem, message: string) {
    if (isSchemaError(message)) this.schemaErrors++
    await markFailed(this.ctx.db, p.itemLink.id, message, p.item.version)
    this.stats.failed++
  }

  private audit(rows: { p: PlannedItem; after: unknown }[], action: string) {
    recordPushed(rows.map((r) => r.p))
    return appendAudit(
      this.ctx.db,
      rows.map(({ p, after }) => ({
        direction: 'push',
        action,
        siteId: this.link.siteId,
        subjectType: 'hub_item',
        subjectId: p.item.id,
        after,
      })),
    )
  }
}

type Pending = { p: PlannedItem; write: ItemWrite; unresolved: boolean }

/**
 * Counts items Webflow confirmed, and the latency of each hub write among them: only an item whose
 * hub change is newer than its last push and pull was waiting for this push (a resync re-sends old ones).
 */
function recordPushed(items: PlannedItem[]) {
  recordItemsPushed(items.length)
  const now = Date.now()
  for (const { item, itemLink } of items) {
    const changed = Math.max(item.updatedAt.getTime(), item.deletedAt?.getTime() ?? 0)
    const synced = Math.max(itemLink.lastPushedAt?.getTime() ?? 0, itemLink.lastPulledAt?.getTime() ?? 0)
    if (changed > synced) recordSyncLatency('push', (now - changed) / 1000)
  }
}

const cleanOf = (p: PlannedItem) => ({ id: p.itemLink.id, version: p.item.version })

function statusFlags(p: PlannedItem): Pick<ItemWrite, 'isDraft' | 'isArchived'> {
  return { isDraft: p.item.status !== 'published', isArchived: p.item.status === 'archived' }
}
