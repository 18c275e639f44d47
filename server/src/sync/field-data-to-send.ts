import type { FieldMapEntry } from '../vocabulary/hub-content'
import { knownAssetsToWebflow } from './asset-map'
import { changedFieldData } from './changed-fields'
import type { FieldMemory } from './field-memory'
import type { PlannedItem } from './push-plan'

/**
 * The `fieldData` one write sends: assets Webflow already holds go by their fileId (no new import),
 * and an update sends only the fields changed since the last sync, so a field Bindery did not change
 * is never rewritten (docs/webflow.md "Images and files", "Rich text"). Without a synced hash (an
 * adopted item, a reconcile repair) what Webflow holds is unknown, and everything is sent.
 */
export function fieldDataToSend(
  fieldData: Record<string, unknown>,
  p: PlannedItem,
  map: FieldMapEntry[],
  memory: FieldMemory,
  update: boolean,
): Record<string, unknown> {
  const out = { ...fieldData }
  for (const f of map)
    if (f.webflowSlug in out) out[f.webflowSlug] = knownAssetsToWebflow(f, out[f.webflowSlug], memory)
  return update && p.itemLink.syncedHash ? changedFieldData(out, p.content, p.itemLink.base, map) : out
}
