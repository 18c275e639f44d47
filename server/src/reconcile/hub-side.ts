import type { HubItem } from '../db/hub-items'
import { toHubItem } from '../db/hub-items'
import { type ItemLink, toItemLink } from '../db/item-links'
import type { Link } from '../db/links'
import type { Queryable } from '../db/pool'

/** A hub item of the link's collection and its item link on this link, if it has one. */
export type HubRow = { item: HubItem; itemLink: ItemLink | null }

/**
 * The hub side of a link in one query: every live hub item of the collection with its item link,
 * and the deleted ones whose Webflow item was never confirmed gone (a delete that may not have
 * reached Webflow).
 */
export async function hubSide(db: Queryable, link: Link): Promise<HubRow[]> {
  const { rows } = await db.query(
    `select il.id, il.link_id, il.webflow_item_id, il.sync_state, il.dirty, il.create_sent_at, il.synced_hash,
       il.base, il.webflow_state, il.webflow_last_updated, il.last_pushed_at, il.last_pulled_at, il.last_error,
       hi.id as hub_item_id, hi.collection_id, hi.slug, hi.name, hi.status, hi.fields, hi.version,
       hi.created_at, hi.updated_at, hi.deleted_at
     from hub_items hi left join item_links il on il.hub_item_id = hi.id and il.link_id = $1
     where hi.collection_id = $2
       and (hi.deleted_at is null
         or (il.webflow_item_id is not null and coalesce(il.webflow_state, '') <> 'deleted'))`,
    [link.id, link.hubCollectionId],
  )
  return rows.map((r) => ({
    itemLink: r.id ? toItemLink(r) : null,
    item: toHubItem({ ...r, id: r.hub_item_id }),
  }))
}
