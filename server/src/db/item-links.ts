import type { CollectionItem } from '@bindery/shared/webflow'
import type { HubContent, WebflowState } from '../vocabulary/hub-content'
import { type HubItem, toHubItem } from './hub-items'
import type { Queryable } from './pool'

export type ItemLink = {
  id: string
  linkId: string
  hubItemId: string
  webflowItemId: string | null
  syncState: 'pending' | 'synced' | 'failed' | 'conflict'
  dirty: boolean
  createSentAt: Date | null
  syncedHash: string | null
  base: HubContent | null
  webflowState: WebflowState | null
  webflowLastUpdated: Date | null
  lastPushedAt: Date | null
  lastPulledAt: Date | null
  lastError: string | null
}

const COLUMNS = `il.id, il.link_id, il.hub_item_id, il.webflow_item_id, il.sync_state, il.dirty, il.create_sent_at,
  il.synced_hash, il.base, il.webflow_state, il.webflow_last_updated, il.last_pushed_at, il.last_pulled_at, il.last_error`

// biome-ignore lint/suspicious/noExplicitAny: a raw row from pg
export function toItemLink(r: any): ItemLink {
  return {
    id: r.id,
    linkId: r.link_id,
    hubItemId: r.hub_item_id,
    webflowItemId: r.webflow_item_id,
    syncState: r.sync_state,
    dirty: r.dirty,
    createSentAt: r.create_sent_at,
    syncedHash: r.synced_hash,
    base: r.base,
    webflowState: r.webflow_state,
    webflowLastUpdated: r.webflow_last_updated,
    lastPushedAt: r.last_pushed_at,
    lastPulledAt: r.last_pulled_at,
    lastError: r.last_error,
  }
}

export type DirtyItem = { itemLink: ItemLink; item: HubItem }

/**
 * Up to `limit` dirty item links of a link with their hub items (deleted ones included), those waiting
 * longest first: in the order they became dirty (`dirty_seq`, migration 0019), an index range. The
 * item links are picked first and each looks its hub item up by key (`offset 0` keeps the planner
 * from turning that into a hash join over every hub item), so a round of a 100,000-item publish reads
 * its 1,000 rows, not the link's (issue 17). Statistics older than the link's items could still make
 * the pick sort the link's dirty rows: bulk writes refresh them (`refreshStatsAfter`).
 */
export async function listDirty(db: Queryable, linkId: string, limit: number): Promise<DirtyItem[]> {
  const { rows } = await db.query(
    `select ${COLUMNS}, hi.collection_id, hi.slug, hi.name, hi.status, hi.fields, hi.version, hi.created_at,
            hi.updated_at, hi.deleted_at
     from (select * from item_links where link_id = $1 and dirty order by dirty_seq limit $2) il
       cross join lateral (select * from hub_items h where h.id = il.hub_item_id offset 0) hi
     order by il.dirty_seq`,
    [linkId, limit],
  )
  return rows.map((r) => ({ itemLink: toItemLink(r), item: toHubItem({ ...r, id: r.hub_item_id }) }))
}

export async function getItemLinkByWebflowId(db: Queryable, linkId: string, webflowItemId: string) {
  const { rows } = await db.query(
    `select ${COLUMNS} from item_links il where link_id = $1 and webflow_item_id = $2`,
    [linkId, webflowItemId],
  )
  return rows[0] ? toItemLink(rows[0]) : undefined
}

export async function getItemLinkByHubId(db: Queryable, linkId: string, hubItemId: string) {
  const { rows } = await db.query(
    `select ${COLUMNS} from item_links il where link_id = $1 and hub_item_id = $2`,
    [linkId, hubItemId],
  )
  return rows[0] ? toItemLink(rows[0]) : undefined
}

/** What a successful sync of one item records. It stays dirty if the hub item moved past `version`. */
export type SyncedRecord = {
  hubItemId: string
  webflowItemId: string
  hash: string
  base: HubContent
  webflowState: WebflowState
  webflowLastUpdated: string | Date | null
  version: number
  stillDirty?: boolean
}

/** Records a batch of synced items in one statement. */
export async function recordSynced(
  db: Queryable,
  linkId: string,
  direction: 'push' | 'pull',
  records: SyncedRecord[],
) {
  if (!records.length) return
  await db.query(
    `insert into item_links as il (link_id, hub_item_id, webflow_item_id, sync_state, dirty, synced_hash, base,
       webflow_state, webflow_last_updated, last_pushed_at, last_pulled_at)
     select $1, x.hub_item_id, x.webflow_item_id, case when x.still_dirty then 'pending' else 'synced' end,
       x.still_dirty, x.hash, x.base, x.webflow_state, x.webflow_last_updated,
       case when $2 = 'push' then now() end, case when $2 = 'pull' then now() end
     from jsonb_to_recordset($3::jsonb) as x(hub_item_id uuid, webflow_item_id text, hash text, base jsonb,
       webflow_state text, webflow_last_updated timestamptz, version int, still_dirty boolean)
     on conflict (link_id, hub_item_id) do update set
       webflow_item_id = excluded.webflow_item_id, synced_hash = excluded.synced_hash, base = excluded.base,
       webflow_state = excluded.webflow_state,
       webflow_last_updated = greatest(il.webflow_last_updated, excluded.webflow_last_updated),
       last_pushed_at = coalesce(excluded.last_pushed_at, il.last_pushed_at),
       last_pulled_at = coalesce(excluded.last_pulled_at, il.last_pulled_at),
       create_sent_at = null, last_error = null, sync_state = excluded.sync_state,
       -- A hub write that landed while this item was in flight keeps it dirty; so does, for a push, a
       -- pull that changed the hub meanwhile (and recorded the item clean): Webflow holds what was pushed.
       -- The version synced is looked up by key ($4: hub item id to version), not by a scan of the batch.
       dirty = excluded.dirty or ((il.dirty or $2 = 'push') and (select version from hub_items h where h.id = il.hub_item_id)
         <> ($4::jsonb ->> il.hub_item_id::text)::int)`,
    [
      linkId,
      direction,
      JSON.stringify(
        records.map((r) => ({
          hub_item_id: r.hubItemId,
          webflow_item_id: r.webflowItemId,
          hash: r.hash,
          base: r.base,
          webflow_state: r.webflowState,
          webflow_last_updated: r.webflowLastUpdated,
          version: r.version,
          still_dirty: !!r.stillDirty,
        })),
      ),
      JSON.stringify(Object.fromEntries(records.map((r) => [r.hubItemId.toLowerCase(), r.version]))),
    ],
  )
}

export async function markCreateSent(db: Queryable, ids: string[]) {
  await db.query('update item_links set create_sent_at = now() where id = any($1::uuid[])', [ids])
}

export async function clearCreateSent(db: Queryable, ids: string[]) {
  await db.query('update item_links set create_sent_at = null where id = any($1::uuid[])', [ids])
}

/** A Webflow rejection of one item: it stays failed until it is written again. */
export async function markFailed(db: Queryable, id: string, message: string, version: number) {
  await db.query(
    `update item_links set sync_state = 'failed', last_error = $2, create_sent_at = null,
       dirty = (select version from hub_items where id = item_links.hub_item_id) <> $3
     where id = $1`,
    [id, message, version],
  )
}

/** Nothing to send (content unchanged, or deleted before it ever reached Webflow). */
/** Clears dirty on each item link whose hub item is still at the version pushed, in one statement. */
export async function markClean(db: Queryable, items: { id: string; version: number }[]) {
  if (!items.length) return
  await db.query(
    `update item_links il set dirty = h.version <> x.version,
       sync_state = case when il.sync_state = 'pending' then 'synced' else il.sync_state end
     from unnest($1::uuid[], $2::int[]) as x(id, version), hub_items h
     where il.id = x.id and h.id = il.hub_item_id`,
    [items.map((i) => i.id), items.map((i) => i.version)],
  )
}

/** Webflow ids of hub items, across every active link (for reference translation). */
export async function webflowIdsOf(db: Queryable, hubItemIds: string[]): Promise<Map<string, string>> {
  if (!hubItemIds.length) return new Map()
  const { rows } = await db.query<{ hub_item_id: string; webflow_item_id: string }>(
    `select il.hub_item_id, il.webflow_item_id from item_links il join links l on l.id = il.link_id
     where l.disconnected_at is null and il.webflow_item_id is not null and il.hub_item_id = any($1::uuid[])`,
    [hubItemIds],
  )
  return new Map(rows.map((r) => [r.hub_item_id, r.webflow_item_id]))
}

/** Hub ids of Webflow items, across every active link (for reference translation). */
export async function hubIdsOf(db: Queryable, webflowItemIds: string[]): Promise<Map<string, string>> {
  if (!webflowItemIds.length) return new Map()
  const { rows } = await db.query<{ hub_item_id: string; webflow_item_id: string }>(
    `select il.hub_item_id, il.webflow_item_id from item_links il join links l on l.id = il.link_id
     where l.disconnected_at is null and il.webflow_item_id = any($1::text[])`,
    [webflowItemIds],
  )
  return new Map(rows.map((r) => [r.webflow_item_id, r.hub_item_id]))
}

/**
 * Drops a field from the last synced snapshot where it held one of `values`: the value went away on
 * both sides at once (a removed Option), which is neither side's edit for the next merge.
 */
export async function forgetBaseValues(db: Queryable, linkId: string, hubSlug: string, values: string[]) {
  await db.query(
    `update item_links set base = base #- array['fields', $2]
     where link_id = $1 and base -> 'fields' ->> $2 = any($3::text[])`,
    [linkId, hubSlug, values],
  )
}

/** Items of a link that Webflow holds: what the share of a mass delete is measured against. */
export async function countLinkedItems(db: Queryable, linkId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from item_links
     where link_id = $1 and webflow_item_id is not null and webflow_state is distinct from 'deleted'`,
    [linkId],
  )
  return rows[0]?.n ?? 0
}

/** Deletes a link pulled from Webflow in the last `minutes`: a burst of webhooks is one run. */
export async function countRecentPulledDeletes(db: Queryable, linkId: string, minutes: number) {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from item_links where link_id = $1 and webflow_state = 'deleted'
       and last_pulled_at > now() - make_interval(mins => $2)`,
    [linkId, minutes],
  )
  return rows[0]?.n ?? 0
}

/**
 * A hub item that comes back (restored, or a held delete rejected) goes to Webflow again through
 * the push: its Webflow id is forgotten and its create marked as in flight, so the push first looks
 * the slug up and adopts an item that still exists (never a duplicate) or creates a new one. A
 * pull-only link cannot push: there the item is unlinked and stays in the hub only.
 */
export async function relinkForPush(db: Queryable, hubItemId: string) {
  await db.query(
    `delete from item_links il using links l
     where il.link_id = l.id and il.hub_item_id = $1 and l.direction = 'pull-only'`,
    [hubItemId],
  )
  await db.query(
    `update item_links il set webflow_item_id = null, webflow_state = null, synced_hash = null,
       create_sent_at = case when il.webflow_item_id is null then null else now() end,
       dirty = true, sync_state = 'pending', last_error = null
     from links l
     where il.link_id = l.id and l.disconnected_at is null and il.hub_item_id = $1`,
    [hubItemId],
  )
}

// Named writes of the sync, reconcile and panel code: each says what happened to the item link.

/**
 * Webflow no longer holds the items (Bindery deleted them, or Webflow's delete was applied to the
 * hub): settled, recorded as deleted by the push or the pull.
 */
export async function markDeleted(db: Queryable, ids: string[], by: 'push' | 'pull') {
  await db.query(
    `update item_links set dirty = false, sync_state = 'synced', webflow_state = 'deleted',
       ${by === 'push' ? 'last_pushed_at' : 'last_pulled_at'} = now()
     where id = any($1::uuid[])`,
    [ids],
  )
}

/** Links an existing Webflow item to the hub item; it stays dirty so the next round updates it. */
export async function adoptWebflowItem(
  db: Queryable,
  id: string,
  webflowItemId: string,
  state: WebflowState,
) {
  await db.query(
    `update item_links set webflow_item_id = $2, webflow_state = $3, create_sent_at = null, dirty = true,
       synced_hash = null where id = $1`,
    [id, webflowItemId, state],
  )
}

/** A push-only link takes a Webflow item over: the push overwrites it with the hub's content. */
export async function takeOverWebflowItem(
  db: Queryable,
  linkId: string,
  hubItemId: string,
  webflowItemId: string,
  state: WebflowState,
) {
  await db.query(
    `update item_links set webflow_item_id = $3, webflow_state = $4, synced_hash = null, dirty = true,
       sync_state = 'pending' where link_id = $1 and hub_item_id = $2`,
    [linkId, hubItemId, webflowItemId, state],
  )
}

/** Both sides changed the item: it waits for a person (an open conflict). */
export async function markConflict(db: Queryable, linkId: string, hubItemId: string, message: string) {
  await db.query(
    `update item_links set sync_state = 'conflict', last_error = $3 where link_id = $1 and hub_item_id = $2`,
    [linkId, hubItemId, message],
  )
}

/** A resolved conflict whose outcome Webflow lacks: pushed again. */
export async function markResolvedForPush(db: Queryable, linkId: string, hubItemId: string) {
  await db.query(
    `update item_links set sync_state = 'pending', dirty = true, last_error = null where link_id = $1 and hub_item_id = $2`,
    [linkId, hubItemId],
  )
}

/**
 * Webflow drifted from the hub: the item is pushed again in full (no synced hash), unless a push is
 * already pending. `observed` is the Webflow state the reconcile saw.
 */
export async function requeueForPush(db: Queryable, id: string, observed: WebflowState | null) {
  await db.query(
    `update item_links set dirty = true, synced_hash = null, sync_state = 'pending', webflow_state = $2
     where id = $1 and not dirty`,
    [id, observed],
  )
}

/** Forgets a vanished Webflow item: the push creates it again, adopting its slug if taken. */
export async function forgetWebflowItem(db: Queryable, id: string, webflowItemId: string | null) {
  await db.query(
    `update item_links set webflow_item_id = null, webflow_state = null, synced_hash = null, dirty = true,
       sync_state = 'pending', create_sent_at = null
     where id = $1 and not dirty and webflow_item_id is not distinct from $2`,
    [id, webflowItemId],
  )
}

/** A hub item Webflow never had: the push creates it. */
export async function queueCreate(db: Queryable, linkId: string, hubItemId: string) {
  await db.query(
    `insert into item_links (link_id, hub_item_id, dirty) values ($1, $2, true)
     on conflict (link_id, hub_item_id) do update set dirty = true, sync_state = 'pending'`,
    [linkId, hubItemId],
  )
}

/**
 * Dirty item links of these Webflow items that waited for a site publish (queued) are now live. A
 * shortcut, so rows another transaction holds (the inbox applying a batch of webhooks, in its own
 * order) are skipped rather than waited for: waiting deadlocked with it. A skipped row stays queued,
 * and its push publishes it by id.
 */
export async function markQueuedLive(db: Queryable, linkId: string, webflowItemIds: string[]) {
  if (!webflowItemIds.length) return
  await db.query(
    `update item_links set webflow_state = 'published'
     where id = any(array(
       select id from item_links
        where link_id = $1 and webflow_item_id = any($2::text[]) and dirty and webflow_state = 'queued'
        for update skip locked))`,
    [linkId, webflowItemIds],
  )
}

export async function markPublished(db: Queryable, ids: string[]) {
  await db.query(`update item_links set webflow_state = 'published' where id = any($1::uuid[])`, [ids])
}

/** Marks item links dirty by id. */
/** Every item of the link Webflow holds is pushed again (a newly mapped field fills in). */
export async function markLinkedDirty(db: Queryable, linkId: string) {
  await db.query(`update item_links set dirty = true where link_id = $1 and webflow_item_id is not null`, [
    linkId,
  ])
}

/** Failed items of a link (or only `hubItemIds`) are sent again by the next push: how many were. */
export async function retryFailed(db: Queryable, linkId: string, hubItemIds?: string[]): Promise<number> {
  const { rowCount } = await db.query(
    `update item_links set dirty = true, sync_state = 'pending', last_error = null, create_sent_at = null
     where link_id = $1 and sync_state = 'failed' and ($2::uuid[] is null or hub_item_id = any($2::uuid[]))`,
    [linkId, hubItemIds ?? null],
  )
  return rowCount ?? 0
}

/**
 * Marks hub items as needing a push on every active link that pushes their collection; returns the
 * links concerned.
 */
export async function markHubItemsDirty(
  db: Queryable,
  collectionId: string,
  itemIds: string[],
): Promise<string[]> {
  const { rows } = await db.query<{ link_id: string }>(
    `with l as (
       select id from links
       where hub_collection_id = $1 and disconnected_at is null and direction <> 'pull-only'
     )
     insert into item_links (link_id, hub_item_id, dirty)
     select l.id, i.id, true from l, unnest($2::uuid[]) as i(id)
     on conflict (link_id, hub_item_id) do update set dirty = true,
       sync_state = case when item_links.sync_state = 'conflict' then 'conflict' else 'pending' end
     returning link_id`,
    [collectionId, itemIds],
  )
  return [...new Set(rows.map((r) => r.link_id))]
}

/**
 * Refreshes the planner's statistics of item_links after a statement changed many of them
 * (a new link of a big collection): until autovacuum gets to it, a plan made on the old figures
 * would sort every dirty row of the link for each round of the push (`listDirty`).
 */
async function refreshStatsAfter(db: Queryable, rowCount: number | null) {
  if ((rowCount ?? 0) >= BULK_ROWS) await db.query('analyze item_links')
}

/** How many rows one statement changes before `refreshStatsAfter` analyzes the table. */
const BULK_ROWS = 5_000

/** Links every live hub item of the collection to a new link, all to be created; returns how many. */
export async function linkAllHubItems(
  db: Queryable,
  linkId: string,
  hubCollectionId: string,
): Promise<number> {
  const { rowCount } = await db.query(
    `insert into item_links (link_id, hub_item_id, dirty)
     select $1, id, true from hub_items where collection_id = $2 and deleted_at is null
     order by updated_at, id`,
    [linkId, hubCollectionId],
  )
  await refreshStatsAfter(db, rowCount)
  return rowCount ?? 0
}

/** Links the live hub items the link does not know yet (what only the hub has); returns how many. */
export async function linkUnlinkedHubItems(
  db: Queryable,
  linkId: string,
  hubCollectionId: string,
): Promise<number> {
  const { rowCount } = await db.query(
    `insert into item_links (link_id, hub_item_id, dirty)
     select $1, id, true from hub_items h where collection_id = $2 and deleted_at is null
       and not exists (select 1 from item_links il where il.link_id = $1 and il.hub_item_id = h.id)
     order by h.updated_at, h.id`,
    [linkId, hubCollectionId],
  )
  await refreshStatsAfter(db, rowCount)
  return rowCount ?? 0
}

/** Full resync: every live hub item is pushed again in full; open conflicts stay open. */
export async function markAllForRepush(db: Queryable, linkId: string, hubCollectionId: string) {
  const { rowCount } = await db.query(
    `insert into item_links (link_id, hub_item_id, dirty)
     select $1, id, true from hub_items where collection_id = $2 and deleted_at is null
     order by updated_at, id
     on conflict (link_id, hub_item_id) do update set dirty = true, synced_hash = null,
       sync_state = case when item_links.sync_state = 'conflict' then 'conflict' else 'pending' end`,
    [linkId, hubCollectionId],
  )
  await refreshStatsAfter(db, rowCount)
}

/** A recreated Webflow collection holds nothing yet: every item is created again; returns how many. */
export async function resetForNewCollection(db: Queryable, linkId: string): Promise<number> {
  const { rowCount } = await db.query(
    `update item_links set webflow_item_id = null, webflow_state = null, webflow_last_updated = null,
       synced_hash = null, base = null, create_sent_at = null, last_error = null, dirty = true,
       sync_state = 'pending'
     where link_id = $1`,
    [linkId],
  )
  await refreshStatsAfter(db, rowCount)
  return rowCount ?? 0
}

/**
 * A hub field re-mapped to another Webflow field: the last synced snapshot forgets the old field
 * (else an empty new field reads as "cleared"), and items with a hub value are pushed.
 */
export async function forgetBaseField(db: Queryable, linkId: string, hubSlug: string) {
  await db.query(
    `update item_links il set base = il.base #- array['fields', $2], synced_hash = null,
       dirty = il.dirty or coalesce(h.fields -> $2, 'null'::jsonb) <> 'null'::jsonb,
       sync_state = case when il.sync_state = 'conflict' then 'conflict'
         when il.dirty or coalesce(h.fields -> $2, 'null'::jsonb) <> 'null'::jsonb then 'pending'
         else il.sync_state end
     from hub_items h where h.id = il.hub_item_id and il.link_id = $1 and il.webflow_item_id is not null`,
    [linkId, hubSlug],
  )
}

/** Whether the link has any dirty item link. */
export async function hasDirty(db: Queryable, linkId: string): Promise<boolean> {
  const { rowCount } = await db.query('select 1 from item_links where link_id = $1 and dirty limit 1', [
    linkId,
  ])
  return !!rowCount
}

/** Whether a push has work: dirty items neither in conflict nor failed, on a link that pushes. */
export async function hasPushPending(db: Queryable, linkId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `select 1 from item_links il join links l on l.id = il.link_id
     where il.link_id = $1 and il.dirty and il.sync_state not in ('conflict', 'failed')
       and l.direction <> 'pull-only' limit 1`,
    [linkId],
  )
  return !!rowCount
}

/** Whether anything of the link is left to push: a dirty item (not in conflict) or locale version. */
export async function hasUnpushed(db: Queryable, linkId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `select 1 from item_links where link_id = $1 and dirty and sync_state <> 'conflict'
     union all select 1 from item_link_locales where link_id = $1 and dirty limit 1`,
    [linkId],
  )
  return !!rowCount
}

/** How many item links the link has and how many of them are clean. */
export async function progressOf(db: Queryable, linkId: string): Promise<{ total: number; done: number }> {
  const { rows } = await db.query<{ total: number; done: number }>(
    `select count(*)::int as total, count(*) filter (where not dirty)::int as done from item_links where link_id = $1`,
    [linkId],
  )
  return rows[0]!
}

/** How many of the link's items are in each sync state, as the panel counts them. */
export async function countSyncStates(
  db: Queryable,
  linkId: string,
): Promise<{ synced: number; pending: number; failed: number; conflict: number }> {
  const { rows } = await db.query<{ synced: number; pending: number; failed: number; conflict: number }>(
    `select count(*) filter (where sync_state = 'synced' and not dirty)::int as synced,
            count(*) filter (where dirty and sync_state not in ('failed', 'conflict'))::int as pending,
            count(*) filter (where sync_state = 'failed')::int as failed,
            count(*) filter (where sync_state = 'conflict')::int as conflict
     from item_links where link_id = $1`,
    [linkId],
  )
  return rows[0]!
}

export type FailedItem = {
  hubItemId: string
  slug: string
  name: string
  message: string
  at: Date | null
  webflowItemId: string | null
}

/** The link's latest failed items, with the hub item they belong to. */
export async function listFailed(db: Queryable, linkId: string, limit: number): Promise<FailedItem[]> {
  const { rows } = await db.query(
    `select h.id, h.slug, h.name, il.last_error, il.last_pushed_at, il.webflow_item_id
     from item_links il join hub_items h on h.id = il.hub_item_id
     where il.link_id = $1 and il.sync_state = 'failed' order by h.updated_at desc limit $2`,
    [linkId, limit],
  )
  return rows.map((r) => ({
    hubItemId: r.id,
    slug: r.slug,
    name: r.name,
    message: r.last_error ?? 'failed',
    at: r.last_pushed_at,
    webflowItemId: r.webflow_item_id ?? null,
  }))
}

/** The item link of a Webflow item on any active link of a site. */
export async function getItemLinkOnSite(db: Queryable, siteId: string, webflowItemId: string) {
  const { rows } = await db.query(
    `select il.* from item_links il join links l on l.id = il.link_id
     where l.site_id = $1 and l.disconnected_at is null and il.webflow_item_id = $2 limit 1`,
    [siteId, webflowItemId],
  )
  return rows[0] ? toItemLink(rows[0]) : undefined
}

/**
 * Marks dirty, in one statement, the item links whose hub item is published but whose Webflow item is
 * not known live. The hub item is looked up by its key for each of the link's rows, not joined: right
 * after a big connect the planner's figures are stale, and its joins walked every tenant's hub items
 * (630 ms a link at 50 sites) or the collection once per row (18 s at 10,000 items) (issue 17).
 */
export async function markPublishedNotLiveDirty(db: Queryable, linkId: string) {
  const { rowCount } = await db.query(
    `update item_links il set dirty = true
     where il.link_id = $1 and not il.dirty and il.webflow_item_id is not null
       -- Not live (sync/field-map.ts, isLive).
       and coalesce(il.webflow_state, '') not in ('published', 'changes_in_draft', 'changes_queued')
       and (select h.status = 'published' and h.deleted_at is null from hub_items h where h.id = il.hub_item_id)`,
    [linkId],
  )
  await refreshStatsAfter(db, rowCount)
}

/** A hub item of the link's collection and its item link on this link, if it has one. */
export type HubRow = { item: HubItem; itemLink: ItemLink | null }

// A hub item of the link's collection with its item link: every live one, and the deleted ones whose
// Webflow item was never confirmed gone (a delete that may not have reached Webflow).
const HUB_COLUMNS = `il.id, il.link_id, il.webflow_item_id, il.sync_state, il.dirty, il.create_sent_at, il.synced_hash,
       il.base, il.webflow_state, il.webflow_last_updated, il.last_pushed_at, il.last_pulled_at, il.last_error,
       hi.id as hub_item_id, hi.collection_id, hi.slug, hi.name, hi.status, hi.fields, hi.version,
       hi.created_at, hi.updated_at, hi.deleted_at`
const HUB_ROW_FILTER = `(hi.deleted_at is null
         or (il.webflow_item_id is not null and coalesce(il.webflow_state, '') <> 'deleted'))`
const HUB_SIDE = `select ${HUB_COLUMNS}
     from hub_items hi left join item_links il on il.hub_item_id = hi.id and il.link_id = $1
     where hi.collection_id = $2 and ${HUB_ROW_FILTER}`

// biome-ignore lint/suspicious/noExplicitAny: a raw row from pg
const toHubRow = (r: any): HubRow => ({
  itemLink: r.id ? toItemLink(r) : null,
  item: toHubItem({ ...r, id: r.hub_item_id }),
})

/** The hub side of a link in one query (see HUB_SIDE). */
export async function listHubSide(db: Queryable, linkId: string, hubCollectionId: string): Promise<HubRow[]> {
  const { rows } = await db.query(HUB_SIDE, [linkId, hubCollectionId])
  return rows.map(toHubRow)
}

/**
 * The hub rows (see HUB_SIDE) linked to these Webflow items, by Webflow id: one page of a reconcile.
 * Each id is looked up on its own (a lateral join with a limit is never flattened), so a page costs
 * its own size even where the planner's statistics still think the collection small (right after
 * it was imported), instead of a scan of the whole collection per page.
 */
export async function hubRowsOfWebflowItems(
  db: Queryable,
  linkId: string,
  hubCollectionId: string,
  webflowItemIds: string[],
): Promise<Map<string, HubRow>> {
  const { rows } = await db.query(
    `select r.* from unnest($3::text[]) as w(webflow_item_id)
       cross join lateral (select ${HUB_COLUMNS}
         from item_links il join hub_items hi on hi.id = il.hub_item_id
         where il.link_id = $1 and il.webflow_item_id = w.webflow_item_id and hi.collection_id = $2
           and ${HUB_ROW_FILTER}
         limit 1) r`,
    [linkId, hubCollectionId, webflowItemIds],
  )
  return new Map(rows.map((r) => [r.webflow_item_id as string, toHubRow(r)]))
}

/**
 * Live hub items with these slugs and their item links, each with its Webflow item as the reconcile
 * run `reportId` listed it (if it did): what a Webflow item no item link knows is matched against.
 */
export async function hubRowsBySlug(
  db: Queryable,
  linkId: string,
  hubCollectionId: string,
  slugs: string[],
  reportId: string,
): Promise<{ rows: Map<string, HubRow>; listed: CollectionItem[] }> {
  const { rows } = await db.query(
    `select * from (${HUB_SIDE} and hi.deleted_at is null and hi.slug = any($3::text[])) h
       left join lateral (select s.staged as listed_item from reconcile_listing s where s.report_id = $4
         and s.webflow_item_id = h.webflow_item_id and s.staged is not null) l on true`,
    [linkId, hubCollectionId, slugs, reportId],
  )
  return {
    rows: new Map(rows.map((r) => [r.slug as string, toHubRow(r)])),
    listed: rows.flatMap((r) => (r.listed_item ? [r.listed_item as CollectionItem] : [])),
  }
}

/**
 * Of these hub slugs, those a Webflow item the reconcile run `reportId` listed also has while no item
 * link of the link knows that item: a second Webflow item of a linked hub item.
 */
export async function slugsListedUnlinked(
  db: Queryable,
  linkId: string,
  reportId: string,
  slugs: string[],
): Promise<Set<string>> {
  // Slug by slug through the listing's slug index (see hubRowsOfWebflowItems on the lateral join).
  const { rows } = await db.query<{ slug: string }>(
    `select x.slug from unnest($3::text[]) as x(slug)
       cross join lateral (select 1 from reconcile_listing s
         where s.report_id = $2 and s.slug = x.slug and s.staged is not null
           and not exists (select 1 from item_links il
             where il.link_id = $1 and il.webflow_item_id = s.webflow_item_id)
         limit 1) d`,
    [linkId, reportId, slugs],
  )
  return new Set(rows.map((r) => r.slug))
}

/**
 * The hub rows (see HUB_SIDE) whose Webflow item the reconcile run `reportId` did not list (or that
 * have none), after hub item `after`, `limit` of them: the sweep after the listing was compared.
 */
export async function listUnlistedHubSide(
  db: Queryable,
  linkId: string,
  hubCollectionId: string,
  reportId: string,
  after: string,
  limit: number,
): Promise<HubRow[]> {
  const { rows } = await db.query(
    `${HUB_SIDE} and hi.id > $4::uuid
       and (il.webflow_item_id is null or not exists (select 1 from reconcile_listing s
         where s.report_id = $3 and s.webflow_item_id = il.webflow_item_id and s.staged is not null))
     order by hi.id limit $5`,
    [linkId, hubCollectionId, reportId, after, limit],
  )
  return rows.map(toHubRow)
}

/**
 * Webflow deleted the item and the link archives instead (delete mode 'archive'): the hub keeps it
 * archived, unlinked from the gone Webflow item (`webflow_state 'deleted'` says why). A later hub
 * edit creates it in Webflow again.
 */
export async function markWebflowGone(db: Queryable, id: string) {
  await db.query(
    `update item_links set webflow_item_id = null, webflow_state = 'deleted', synced_hash = null, base = null,
       dirty = false, sync_state = 'synced', last_pulled_at = now() where id = $1`,
    [id],
  )
}

/** The hub deleted the item and the link archived it in Webflow instead (delete mode 'archive'). */
export async function markArchivedInWebflow(db: Queryable, ids: string[]) {
  await db.query(
    `update item_links set dirty = false, sync_state = 'synced', webflow_state = 'archived', last_pushed_at = now()
     where id = any($1::uuid[])`,
    [ids],
  )
}
