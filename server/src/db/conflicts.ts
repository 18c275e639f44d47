import type { FieldConflict, HubContent } from '../vocabulary/hub-content'
import type { Queryable } from './pool'

export type Conflict = {
  id: string
  linkId: string
  hubItemId: string
  webflowItemId: string
  fields: FieldConflict[]
  webflowContent: HubContent
  webflowLastUpdated: Date | null
  createdAt: Date
  resolvedAt: Date | null
  resolution: 'hub' | 'webflow' | 'fields' | null
}

// biome-ignore lint/suspicious/noExplicitAny: a raw row from pg
function toConflict(r: any): Conflict {
  return {
    id: r.id,
    linkId: r.link_id,
    hubItemId: r.hub_item_id,
    webflowItemId: r.webflow_item_id,
    fields: r.fields,
    webflowContent: r.webflow_content,
    webflowLastUpdated: r.webflow_last_updated,
    createdAt: r.created_at,
    resolvedAt: r.resolved_at,
    resolution: r.resolution,
  }
}

/** Opens a conflict for the item, or refreshes the open one with Webflow's latest values. */
export async function upsertOpenConflict(
  db: Queryable,
  c: Pick<Conflict, 'linkId' | 'hubItemId' | 'webflowItemId' | 'fields' | 'webflowContent'> & {
    webflowLastUpdated: string | Date | null
  },
) {
  await db.query(
    `insert into conflicts (link_id, hub_item_id, webflow_item_id, fields, webflow_content, webflow_last_updated)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (link_id, hub_item_id) where resolved_at is null do update set
       fields = excluded.fields, webflow_content = excluded.webflow_content,
       webflow_last_updated = excluded.webflow_last_updated`,
    [
      c.linkId,
      c.hubItemId,
      c.webflowItemId,
      JSON.stringify(c.fields),
      JSON.stringify(c.webflowContent),
      c.webflowLastUpdated,
    ],
  )
}

/** Open conflicts of a site (or one of its links), with the hub item's slug and name for the list. */
export async function listOpenConflicts(
  db: Queryable,
  siteId: string,
  linkId?: string,
): Promise<(Conflict & { slug: string; name: string })[]> {
  const { rows } = await db.query(
    `select c.*, h.slug as item_slug, h.name as item_name from conflicts c
       join links l on l.id = c.link_id join hub_items h on h.id = c.hub_item_id
     where l.site_id = $1 and ($2::uuid is null or c.link_id = $2) and c.resolved_at is null
       and l.disconnected_at is null order by c.created_at`,
    [siteId, linkId ?? null],
  )
  return rows.map((r) => ({ ...toConflict(r), slug: r.item_slug, name: r.item_name }))
}

/** Locks an open conflict of the site for resolving. */
export async function lockOpenConflict(
  db: Queryable,
  siteId: string,
  id: string,
): Promise<Conflict | undefined> {
  const { rows } = await db.query(
    `select c.* from conflicts c join links l on l.id = c.link_id
     where c.id = $1 and l.site_id = $2 and c.resolved_at is null for update of c`,
    [id, siteId],
  )
  return rows[0] && toConflict(rows[0])
}

export async function markResolved(db: Queryable, id: string, side: 'hub' | 'webflow' | 'fields') {
  await db.query('update conflicts set resolved_at = now(), resolution = $2 where id = $1', [id, side])
}
