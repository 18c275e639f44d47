import type { Queryable } from './pool'

/** The form Webflow stored a pushed field value in, by its hash, with the hub value it stands for. */
export type FieldEcho = { itemLinkId: string; field: string; webflowHash: string; hubValue: unknown }

export async function echoesOf(db: Queryable, itemLinkIds: string[]): Promise<FieldEcho[]> {
  if (!itemLinkIds.length) return []
  const { rows } = await db.query(
    'select item_link_id, field, webflow_hash, hub_value from field_echoes where item_link_id = any($1::uuid[])',
    [itemLinkIds],
  )
  return rows.map((r) => ({
    itemLinkId: r.item_link_id,
    field: r.field,
    webflowHash: r.webflow_hash,
    hubValue: r.hub_value,
  }))
}

/** Sets (or, with `null`, forgets) the echo of each given field of item links. */
export async function saveEchoes(
  db: Queryable,
  echoes: { itemLinkId: string; field: string; echo: { webflowHash: string; hubValue: unknown } | null }[],
) {
  if (!echoes.length) return
  await db.query(
    `delete from field_echoes e using jsonb_to_recordset($1::jsonb) as x(item_link_id uuid, field text)
     where e.item_link_id = x.item_link_id and e.field = x.field`,
    [JSON.stringify(echoes.map((e) => ({ item_link_id: e.itemLinkId, field: e.field })))],
  )
  const kept = echoes.flatMap((e) => (e.echo ? [{ ...e, echo: e.echo }] : []))
  if (!kept.length) return
  await db.query(
    `insert into field_echoes (item_link_id, field, webflow_hash, hub_value)
     select x.item_link_id, x.field, x.webflow_hash, x.hub_value
     from jsonb_to_recordset($1::jsonb) as x(item_link_id uuid, field text, webflow_hash text, hub_value jsonb)`,
    [
      JSON.stringify(
        kept.map((e) => ({
          item_link_id: e.itemLinkId,
          field: e.field,
          webflow_hash: e.echo.webflowHash,
          hub_value: e.echo.hubValue,
        })),
      ),
    ],
  )
}
