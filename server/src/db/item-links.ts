import type { HubContent, WebflowState } from '../sync/field-map'
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

/** Up to `limit` dirty item links of a link with their hub items (deleted ones included). */
export async function listDirty(db: Queryable, linkId: string, limit: number): Promise<DirtyItem[]> {
  const { rows } = await db.query(
    `select ${COLUMNS}, hi.collection_id, hi.slug, hi.name, hi.status, hi.fields, hi.version, hi.created_at,
            hi.updated_at, hi.deleted_at
     from item_links il join hub_items hi on hi.id = il.hub_item_id
     where il.link_id = $1 and il.dirty order by hi.updated_at, hi.id limit $2`,
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
       -- A hub write that landed while this item was in flight keeps it dirty.
       dirty = excluded.dirty or (il.dirty and (select version from hub_items h where h.id = il.hub_item_id)
         <> (select (r->>'version')::int from jsonb_array_elements($3::jsonb) r
             where (r->>'hub_item_id')::uuid = il.hub_item_id limit 1))`,
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
export async function markClean(db: Queryable, id: string, version: number) {
  await db.query(
    `update item_links set dirty = (select version from hub_items where id = item_links.hub_item_id) <> $2,
       sync_state = case when sync_state = 'pending' then 'synced' else sync_state end
     where id = $1`,
    [id, version],
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

/** Every item Webflow holds goes out again (fields were added to the link, or its direction changed). */
export async function markAllForRepush(db: Queryable, linkId: string) {
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

/** The latest failed items of a link, with Webflow's message. */
export async function listFailedItems(db: Queryable, linkId: string, limit: number) {
  const { rows } = await db.query(
    `select h.id, h.slug, h.name, il.last_error, il.last_pushed_at, il.webflow_item_id
     from item_links il join hub_items h on h.id = il.hub_item_id
     where il.link_id = $1 and il.sync_state = 'failed' order by h.updated_at desc limit $2`,
    [linkId, limit],
  )
  return rows.map((r) => ({
    hubItemId: r.id as string,
    slug: r.slug as string,
    name: r.name as string,
    message: (r.last_error ?? 'failed') as string,
    at: (r.last_pushed_at as Date | null)?.toISOString() ?? null,
    webflowItemId: (r.webflow_item_id ?? null) as string | null,
  }))
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

/** The active link and hub item of a Webflow item on a site (the item open on the canvas). */
export async function findByWebflowItem(
  db: Queryable,
  siteId: string,
  webflowItemId: string,
): Promise<{ linkId: string; hubItemId: string } | undefined> {
  const { rows } = await db.query<{ link_id: string; hub_item_id: string }>(
    `select il.link_id, il.hub_item_id from item_links il join links l on l.id = il.link_id
     where l.site_id = $1 and l.disconnected_at is null and il.webflow_item_id = $2 limit 1`,
    [siteId, webflowItemId],
  )
  return rows[0] && { linkId: rows[0].link_id, hubItemId: rows[0].hub_item_id }
}
