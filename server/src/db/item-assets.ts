import type { Queryable } from './pool'

/** One hub asset of an item link's field and what Webflow holds for it (migration 0010). */
export type AssetRow = {
  itemLinkId: string
  field: string
  position: number
  kind: 'image' | 'file' | 'richText'
  hubUrl: string
  hubAlt: string | null
  hubHash: string
  webflowFileId: string | null
  webflowUrl: string | null
  status: 'imported' | 'skipped'
  error: string | null
}

// biome-ignore lint/suspicious/noExplicitAny: a raw row from pg
function toAssetRow(r: any): AssetRow {
  return {
    itemLinkId: r.item_link_id,
    field: r.field,
    position: r.position,
    kind: r.kind,
    hubUrl: r.hub_url,
    hubAlt: r.hub_alt,
    hubHash: r.hub_hash,
    webflowFileId: r.webflow_file_id,
    webflowUrl: r.webflow_url,
    status: r.status,
    error: r.error,
  }
}

export async function assetsOf(db: Queryable, itemLinkIds: string[]): Promise<AssetRow[]> {
  if (!itemLinkIds.length) return []
  const { rows } = await db.query(
    'select * from item_assets where item_link_id = any($1::uuid[]) order by item_link_id, field, position',
    [itemLinkIds],
  )
  return rows.map(toAssetRow)
}

/** Replaces the rows of the given fields of item links with `rows` (a field may end up with none). */
export async function replaceAssets(
  db: Queryable,
  fields: { itemLinkId: string; field: string }[],
  rows: AssetRow[],
) {
  if (!fields.length) return
  await db.query(
    `delete from item_assets a using jsonb_to_recordset($1::jsonb) as x(item_link_id uuid, field text)
     where a.item_link_id = x.item_link_id and a.field = x.field`,
    [JSON.stringify(fields.map((f) => ({ item_link_id: f.itemLinkId, field: f.field })))],
  )
  if (!rows.length) return
  await db.query(
    `insert into item_assets (item_link_id, field, position, kind, hub_url, hub_alt, hub_hash, webflow_file_id,
       webflow_url, status, error)
     select x.item_link_id, x.field, x.position, x.kind, x.hub_url, x.hub_alt, x.hub_hash, x.webflow_file_id,
       x.webflow_url, x.status, x.error
     from jsonb_to_recordset($1::jsonb) as x(item_link_id uuid, field text, position int, kind text, hub_url text,
       hub_alt text, hub_hash text, webflow_file_id text, webflow_url text, status text, error text)`,
    [
      JSON.stringify(
        rows.map((r) => ({
          item_link_id: r.itemLinkId,
          field: r.field,
          position: r.position,
          kind: r.kind,
          hub_url: r.hubUrl,
          hub_alt: r.hubAlt,
          hub_hash: r.hubHash,
          webflow_file_id: r.webflowFileId,
          webflow_url: r.webflowUrl,
          status: r.status,
          error: r.error,
        })),
      ),
    ],
  )
}

/** Files Webflow skipped, per item of a link, newest first: what the link's errors report. */
export async function skippedAssets(db: Queryable, linkId: string, limit: number) {
  const { rows } = await db.query<{
    hub_item_id: string
    slug: string
    name: string
    field: string
    hub_url: string
    error: string | null
    updated_at: Date
  }>(
    `select il.hub_item_id, h.slug, h.name, a.field, a.hub_url, a.error, a.updated_at from item_assets a
     join item_links il on il.id = a.item_link_id join hub_items h on h.id = il.hub_item_id
     where il.link_id = $1 and a.status = 'skipped' and h.deleted_at is null
     order by a.updated_at desc limit $2`,
    [linkId, limit],
  )
  return rows.map((r) => ({
    hubItemId: r.hub_item_id,
    slug: r.slug,
    name: r.name,
    message: `${r.field}: ${r.error ?? 'skipped by Webflow'} (${r.hub_url})`,
    at: r.updated_at,
  }))
}
