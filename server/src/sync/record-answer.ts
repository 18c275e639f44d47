import type { CollectionItem } from '@bindery/shared/webflow'
import { saveEchoes } from '../db/field-echoes'
import { replaceAssets } from '../db/item-assets'
import type { Queryable } from '../db/pool'
import type { FieldMapEntry, HubContent } from '../vocabulary/hub-content'
import { echoFromAnswer, hasAssets, rowsFromAnswer, rowsFromPull } from './asset-map'
import type { FieldMemory } from './field-memory'

/** One item of a write Webflow answered: the fields sent (hub terms) and Webflow's item. */
export type Answer = {
  itemLinkId: string
  sentFields: FieldMapEntry[]
  sent: HubContent
  answered: CollectionItem
  memory: FieldMemory
}

/**
 * After Webflow answered a write: remembers, for each asset or rich-text field that was sent, what
 * Webflow made of it (its fileIds and CDN urls, files it skipped, the form it stored rich text in),
 * in four statements for the whole batch. Returns the number of skipped files per item link.
 */
export async function recordAnswers(db: Queryable, answers: Answer[]): Promise<Map<string, number>> {
  const skipped = new Map<string, number>()
  const fields = answers.flatMap((a) => a.sentFields.filter(hasAssets).map((f) => ({ a, f })))
  if (!fields.length) return skipped
  const rows = fields.flatMap(({ a, f }) =>
    rowsFromAnswer(f, a.itemLinkId, a.sent.fields[f.hubSlug], a.answered.fieldData[f.webflowSlug], a.memory),
  )
  await replaceAssets(
    db,
    fields.map(({ a, f }) => ({ itemLinkId: a.itemLinkId, field: f.hubSlug })),
    rows,
  )
  await saveEchoes(
    db,
    fields
      .filter(({ f }) => f.type === 'richText')
      .map(({ a, f }) => ({
        itemLinkId: a.itemLinkId,
        field: f.hubSlug,
        echo: echoFromAnswer(a.sent.fields[f.hubSlug], a.answered.fieldData[f.webflowSlug]),
      })),
  )
  for (const r of rows)
    if (r.status === 'skipped') skipped.set(r.itemLinkId, (skipped.get(r.itemLinkId) ?? 0) + 1)
  return skipped
}

/** After a Webflow item was applied to the hub: its new assets are remembered by fileId. */
export async function recordPulledAssets(
  db: Queryable,
  itemLinkId: string,
  map: FieldMapEntry[],
  item: CollectionItem,
  memory: FieldMemory,
) {
  const changed = map.flatMap((f) => {
    const rows = rowsFromPull(f, itemLinkId, item.fieldData[f.webflowSlug], memory)
    return rows ? [{ field: f.hubSlug, rows }] : []
  })
  await replaceAssets(
    db,
    changed.map((c) => ({ itemLinkId, field: c.field })),
    changed.flatMap((c) => c.rows),
  )
}
