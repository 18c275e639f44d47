import type { HubContent } from '../vocabulary/hub-content'
import { type HubItem, toHubItem } from './hub-items'
import type { Queryable } from './pool'

/** Sync state of one locale version of a linked item: its own echo hash, merge base and dirtiness. */
export type ItemLinkLocale = {
  linkId: string
  hubItemId: string
  tag: string
  dirty: boolean
  syncedHash: string | null
  base: HubContent | null
  webflowLastUpdated: Date | null
  lastError: string | null
}

// biome-ignore lint/suspicious/noExplicitAny: a raw row from pg
function toItemLinkLocale(r: any): ItemLinkLocale {
  return {
    linkId: r.link_id,
    hubItemId: r.hub_item_id,
    tag: r.tag,
    dirty: r.dirty,
    syncedHash: r.synced_hash,
    base: r.base,
    webflowLastUpdated: r.webflow_last_updated,
    lastError: r.last_error,
  }
}

const COLUMNS = `ill.link_id, ill.hub_item_id, ill.tag, ill.dirty, ill.synced_hash, ill.base,
  ill.webflow_last_updated, ill.last_error`

export async function getItemLinkLocale(db: Queryable, linkId: string, hubItemId: string, tag: string) {
  const { rows } = await db.query(
    `select ${COLUMNS} from item_link_locales ill where link_id = $1 and hub_item_id = $2 and tag = $3`,
    [linkId, hubItemId, tag],
  )
  return rows[0] ? toItemLinkLocale(rows[0]) : undefined
}

export async function listItemLinkLocales(db: Queryable, linkId: string, hubItemIds: string[]) {
  const { rows } = await db.query(
    `select ${COLUMNS} from item_link_locales ill where link_id = $1 and hub_item_id = any($2::uuid[])`,
    [linkId, hubItemIds],
  )
  return rows.map(toItemLinkLocale)
}

/**
 * Marks locale versions as needing a push on every active link that pushes the collection; returns
 * those links. Only the locale written is marked: the primary and the other locales stay as they are.
 */
export async function markLocalesDirty(
  db: Queryable,
  collectionId: string,
  versions: { hubItemId: string; tag: string }[],
): Promise<string[]> {
  if (!versions.length) return []
  const { rows } = await db.query<{ link_id: string }>(
    `with l as (
       select id from links
       where hub_collection_id = $1 and disconnected_at is null and direction <> 'pull-only'
     )
     insert into item_link_locales (link_id, hub_item_id, tag, dirty)
     select l.id, x.hub_item_id, x.tag, true
     from l, jsonb_to_recordset($2::jsonb) as x(hub_item_id uuid, tag text)
     on conflict (link_id, hub_item_id, tag) do update set dirty = true
     returning link_id`,
    [collectionId, JSON.stringify(versions.map((v) => ({ hub_item_id: v.hubItemId, tag: v.tag })))],
  )
  return [...new Set(rows.map((r) => r.link_id))]
}

/** A dirty locale version with its item's Webflow id and state and the primary hub item. */
export type DirtyLocale = {
  state: ItemLinkLocale
  webflowItemId: string
  webflowState: string | null
  item: HubItem
  version: { name: string; slug: string; fields: Record<string, unknown>; version: number } | null
}

/** Dirty locale versions whose item already exists in Webflow (the primary is created first). */
export async function listDirtyLocales(db: Queryable, linkId: string, limit: number): Promise<DirtyLocale[]> {
  const { rows } = await db.query(
    `select ${COLUMNS}, il.webflow_item_id, il.webflow_state,
       hi.id, hi.collection_id, hi.slug, hi.name, hi.status, hi.fields, hi.version, hi.created_at,
       hi.updated_at, hi.deleted_at,
       v.name as v_name, v.slug as v_slug, v.fields as v_fields, v.version as v_version
     from item_link_locales ill
     join item_links il on il.link_id = ill.link_id and il.hub_item_id = ill.hub_item_id
     join hub_items hi on hi.id = ill.hub_item_id
     left join hub_item_locales v on v.hub_item_id = ill.hub_item_id and v.tag = ill.tag
     where ill.link_id = $1 and ill.dirty and il.webflow_item_id is not null
     order by ill.hub_item_id, ill.tag limit $2`,
    [linkId, limit],
  )
  return rows.map((r) => ({
    state: toItemLinkLocale(r),
    webflowItemId: r.webflow_item_id,
    webflowState: r.webflow_state,
    item: toHubItem(r),
    version: r.v_name ? { name: r.v_name, slug: r.v_slug, fields: r.v_fields, version: r.v_version } : null,
  }))
}

/** What a sync of one locale version records; it stays dirty if the version moved past `version`. */
export type LocaleSyncedRecord = {
  hubItemId: string
  tag: string
  hash: string
  base: HubContent
  webflowLastUpdated: string | Date | null
  version: number
  stillDirty?: boolean
  error?: string | null
}

export async function recordLocaleSynced(
  db: Queryable,
  linkId: string,
  direction: 'push' | 'pull',
  records: LocaleSyncedRecord[],
) {
  if (!records.length) return
  await db.query(
    `insert into item_link_locales as ill (link_id, hub_item_id, tag, dirty, synced_hash, base,
       webflow_last_updated, last_pushed_at, last_pulled_at, last_error)
     select $1, x.hub_item_id, x.tag, x.still_dirty, x.hash, x.base, x.webflow_last_updated,
       case when $2 = 'push' then now() end, case when $2 = 'pull' then now() end, x.error
     from jsonb_to_recordset($3::jsonb) as x(hub_item_id uuid, tag text, hash text, base jsonb,
       webflow_last_updated timestamptz, version int, still_dirty boolean, error text)
     on conflict (link_id, hub_item_id, tag) do update set
       synced_hash = excluded.synced_hash, base = excluded.base, last_error = excluded.last_error,
       webflow_last_updated = greatest(ill.webflow_last_updated, excluded.webflow_last_updated),
       last_pushed_at = coalesce(excluded.last_pushed_at, ill.last_pushed_at),
       last_pulled_at = coalesce(excluded.last_pulled_at, ill.last_pulled_at),
       -- A hub write of this locale that landed while it was in flight keeps it dirty.
       dirty = excluded.dirty or (ill.dirty and coalesce((select version from hub_item_locales v
         where v.hub_item_id = ill.hub_item_id and v.tag = ill.tag), 0)
         <> (select (r->>'version')::int from jsonb_array_elements($3::jsonb) r
             where (r->>'hub_item_id')::uuid = ill.hub_item_id and r->>'tag' = ill.tag limit 1))`,
    [
      linkId,
      direction,
      JSON.stringify(
        records.map((r) => ({
          hub_item_id: r.hubItemId,
          tag: r.tag,
          hash: r.hash,
          base: r.base,
          webflow_last_updated: r.webflowLastUpdated,
          version: r.version,
          still_dirty: !!r.stillDirty,
          error: r.error ?? null,
        })),
      ),
    ],
  )
}

/** Webflow refused this locale version: it keeps the error and waits for its next write. */
export async function markLocaleFailed(
  db: Queryable,
  linkId: string,
  hubItemId: string,
  tag: string,
  message: string,
) {
  await db.query(
    `update item_link_locales set dirty = false, last_error = $4
     where link_id = $1 and hub_item_id = $2 and tag = $3`,
    [linkId, hubItemId, tag, message],
  )
}

/** Every hub locale version of a collection needs a push on this link (a publish to Webflow). */
export async function markCollectionLocalesDirty(db: Queryable, linkId: string, collectionId: string) {
  await db.query(
    `insert into item_link_locales (link_id, hub_item_id, tag, dirty)
     select $1, v.hub_item_id, v.tag, true from hub_item_locales v
     join hub_items h on h.id = v.hub_item_id where h.collection_id = $2 and h.deleted_at is null
     on conflict (link_id, hub_item_id, tag) do update set dirty = true`,
    [linkId, collectionId],
  )
}

/** Locale versions the push must rewrite from the hub: dirty, with no synced hash. */
export async function requeueLocales(
  db: Queryable,
  linkId: string,
  versions: { hubItemId: string; tag: string }[],
) {
  if (!versions.length) return
  await db.query(
    `insert into item_link_locales (link_id, hub_item_id, tag, dirty)
     select $1, x.hub_item_id, x.tag, true from jsonb_to_recordset($2::jsonb) as x(hub_item_id uuid, tag text)
     on conflict (link_id, hub_item_id, tag) do update set dirty = true, synced_hash = null`,
    [linkId, JSON.stringify(versions.map((v) => ({ hub_item_id: v.hubItemId, tag: v.tag })))],
  )
}

/** Locale versions waiting for a push on a link, by whether their item is published: the dry runs' cost. */
export async function countDirtyLocales(db: Queryable, linkId: string): Promise<LocaleVersionCount> {
  const { rows } = await db.query<LocaleVersionCount>(
    `select count(*) filter (where hi.status = 'published')::int as live,
       count(*) filter (where hi.status <> 'published')::int as staged
     from item_link_locales ill join hub_items hi on hi.id = ill.hub_item_id
     where ill.link_id = $1 and ill.dirty and hi.deleted_at is null`,
    [linkId],
  )
  return rows[0]!
}

export type LocaleVersionCount = { live: number; staged: number }

/** Per locale tag: whether the hub collection carries it, and how many of the link's versions wait for a push. */
export async function localeStates(
  db: Queryable,
  linkId: string,
  hubCollectionId: string,
  tags: string[],
): Promise<{ tag: string; enabled: boolean; pending: number }[]> {
  const { rows } = await db.query<{ tag: string; enabled: boolean; pending: number }>(
    `select t.tag, exists (select 1 from hub_collection_locales hcl where hcl.collection_id = $2 and hcl.tag = t.tag)
       as enabled,
       (select count(*)::int from item_link_locales ill where ill.link_id = $1 and ill.tag = t.tag and ill.dirty)
       as pending
     from unnest($3::text[]) as t(tag)`,
    [linkId, hubCollectionId, tags],
  )
  return rows
}
