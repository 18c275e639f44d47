import type { CollectionItem } from '@bindery/shared/webflow'
import { saveEchoes } from '../db/field-echoes'
import { replaceAssets } from '../db/item-assets'
import type { Queryable } from '../db/pool'
import { echoFromAnswer, hasAssets, rowsFromAnswer, rowsFromPull } from './asset-map'
import type { FieldMapEntry, HubContent } from './field-map'
import type { FieldMemory } from './field-memory'

/**
 * After Webflow answered a write: remembers, for each asset or rich-text field that was sent, what
 * Webflow made of it (its fileIds and CDN urls, files it skipped, the form it stored rich text in).
 * Returns the number of files Webflow skipped in this write.
 */
export async function recordAnswer(
  db: Queryable,
  itemLinkId: string,
  sentFields: FieldMapEntry[],
  sent: HubContent,
  answered: CollectionItem,
  memory: FieldMemory,
): Promise<number> {
  const fields = sentFields.filter(hasAssets)
  if (!fields.length) return 0
  const rows = fields.flatMap((f) =>
    rowsFromAnswer(f, itemLinkId, sent.fields[f.hubSlug], answered.fieldData[f.webflowSlug], memory),
  )
  await replaceAssets(
    db,
    itemLinkId,
    fields.map((f) => f.hubSlug),
    rows,
  )
  await saveEchoes(
    db,
    itemLinkId,
    fields
      .filter((f) => f.type === 'richText')
      .map((f) => ({
        field: f.hubSlug,
        echo: echoFromAnswer(sent.fields[f.hubSlug], answered.fieldData[f.webflowSlug]),
      })),
  )
  return rows.filter((r) => r.status === 'skipped').length
}

/** After a Webflow item was applied to the hub: its new assets are remembered by fileId. */
export async function recordPulledAssets(
  db: Queryable,
  itemLinkId: string,
  map: FieldMapEntry[],
  item: CollectionItem,
  memory: FieldMemory,
) {
  for (const f of map) {
    const rows = rowsFromPull(f, itemLinkId, item.fieldData[f.webflowSlug], memory)
    if (rows) await replaceAssets(db, itemLinkId, [f.hubSlug], rows)
  }
}
