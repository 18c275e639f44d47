import type { Queryable } from './pool'

/** A hub item found by the console's lookup, with its site, collection and live link row if any. */
export type ItemLookupRow = {
  hubItemId: string
  name: string
  slug: string
  status: string
  fields: Record<string, unknown>
  deleted: boolean
  siteId: string
  siteName: string
  collection: string
  itemLinkId: string | null
  linkId: string | null
  webflowItemId: string | null
  syncState: 'pending' | 'synced' | 'failed' | 'conflict' | null
  dirty: boolean | null
  webflowState: string | null
  lastPushedAt: Date | null
  lastPulledAt: Date | null
  lastError: string | null
}

const SELECT = `select hi.id "hubItemId", hi.name, hi.slug, hi.status, hi.fields, hi.deleted_at is not null deleted,
    hc.site_id "siteId", s.display_name "siteName", hc.name collection,
    il.id "itemLinkId", il.link_id "linkId", il.webflow_item_id "webflowItemId", il.sync_state "syncState", il.dirty,
    il.webflow_state "webflowState", il.last_pushed_at "lastPushedAt", il.last_pulled_at "lastPulledAt",
    il.last_error "lastError"
  from hub_items hi
  join hub_collections hc on hc.id = hi.collection_id
  join sites s on s.id = hc.site_id
  left join lateral (
    select il.* from item_links il join links l on l.id = il.link_id
    where il.hub_item_id = hi.id and l.disconnected_at is null order by l.created_at desc limit 1
  ) il on true`

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Items whose hub id, Webflow item id (any link, connected or not) or slug is `q`, on one site or
 * all; each way in has its own index (primary key, item_links_webflow_item_idx, hub_items_slug_idx).
 */
export async function findItems(
  db: Queryable,
  q: string,
  siteId: string | null,
  limit = 50,
): Promise<ItemLookupRow[]> {
  const { rows } = await db.query<ItemLookupRow>(
    `${SELECT}
     where hi.id in (
       select id from hub_items where id = $1::uuid
       union select hub_item_id from item_links where webflow_item_id = $2
       union select id from hub_items where slug = $2 and deleted_at is null)
       and ($3::text is null or hc.site_id = $3)
     order by s.display_name, hc.name, hi.name limit $4`,
    [UUID.test(q) ? q : null, q, siteId, limit],
  )
  return rows
}

export async function getItemOfSite(
  db: Queryable,
  siteId: string,
  hubItemId: string,
): Promise<ItemLookupRow | null> {
  const { rows } = await db.query<ItemLookupRow>(`${SELECT} where hi.id = $1 and hc.site_id = $2`, [
    hubItemId,
    siteId,
  ])
  return rows[0] ?? null
}
