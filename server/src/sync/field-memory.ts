import { echoesOf, type FieldEcho } from '../db/field-echoes'
import { type AssetRow, assetsOf } from '../db/item-assets'
import type { Queryable } from '../db/pool'

/** What Bindery remembers of how Webflow stored an item link's fields: its assets and echoes. */
export type FieldMemory = { assets: AssetRow[]; echoes: FieldEcho[] }

export const NO_MEMORY: FieldMemory = { assets: [], echoes: [] }

/** The field memory of each item link, in two queries. */
export async function loadFieldMemory(
  db: Queryable,
  itemLinkIds: string[],
): Promise<Map<string, FieldMemory>> {
  const ids = [...new Set(itemLinkIds)]
  // One after the other: `db` may be a transaction's client, which runs one query at a time.
  const assets = await assetsOf(db, ids)
  const echoes = await echoesOf(db, ids)
  const out = new Map<string, FieldMemory>()
  const of = (id: string) => {
    const m = out.get(id) ?? { assets: [], echoes: [] }
    out.set(id, m)
    return m
  }
  for (const a of assets) of(a.itemLinkId).assets.push(a)
  for (const e of echoes) of(e.itemLinkId).echoes.push(e)
  return out
}

/** The memory of one item link (none for an item Bindery has not synced yet). */
export async function fieldMemoryOf(db: Queryable, itemLinkId: string | undefined): Promise<FieldMemory> {
  if (!itemLinkId) return NO_MEMORY
  return (await loadFieldMemory(db, [itemLinkId])).get(itemLinkId) ?? NO_MEMORY
}
