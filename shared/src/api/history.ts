import { z } from 'zod'

/**
 * An item's history with undo, for the CMS item open on the canvas (by its Webflow item id), under
 * `/api/sites/:siteId` (panel) and `/admin/api/sites/:siteId` (admin):
 *
 * - `GET  …/webflow-items/:webflowItemId/history?before=&limit=` → `ItemHistory`
 * - `POST …/webflow-items/:webflowItemId/restore`, body `RestoreVersionRequest` → `RestoreVersionResult`
 * - `POST …/links/:linkId/restore`, body `RestoreCollectionRequest` → `RestoreCollectionResult`
 */

/** Who made a change: a Designer user, an API key, support (admin token) or Bindery itself (sync). */
export const Actor = z.object({
  kind: z.enum(['designer', 'api-key', 'admin', 'bindery']),
  name: z.string(),
})
export type Actor = z.infer<typeof Actor>

export const FieldChange = z.object({
  /** `name`, `slug`, `status` or a hub field slug. */
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
})

export const HistoryEntry = z.object({
  /** Pass as `entryId` to restore the item (or some fields) to its state after this change. */
  id: z.string(),
  at: z.string(),
  /** Where the change was made: in the hub (content API, panel, restore) or in Webflow. */
  side: z.enum(['hub', 'webflow']),
  actor: Actor,
  /** e.g. `item.update`, `hub.update` (pulled from Webflow), `webflow.update` (pushed), `item.restore`. */
  action: z.string(),
  changes: z.array(FieldChange),
  /** The entry holds the item's whole state after it, so "restore this version" is possible. */
  restorable: z.boolean(),
})
export type HistoryEntry = z.infer<typeof HistoryEntry>

export const ItemHistoryParams = z.object({
  siteId: z.string().min(1).max(64),
  webflowItemId: z.string().min(1).max(64),
})
export const ItemHistoryQuery = z.strictObject({
  before: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})

export const ItemHistory = z.object({
  hubItemId: z.string().nullable(),
  linkId: z.string().nullable(),
  entries: z.array(HistoryEntry),
  /** Cursor for the next (older) page, null at the end. */
  nextBefore: z.string().nullable(),
})
export type ItemHistory = z.infer<typeof ItemHistory>

/** Restore the item (or only `fields`) to its state after entry `entryId`: the hub is written, then pushed. */
export const RestoreVersionRequest = z.strictObject({
  entryId: z.string().regex(/^\d{1,19}$/),
  fields: z.array(z.string().min(1)).min(1).optional(),
})
export type RestoreVersionRequest = z.infer<typeof RestoreVersionRequest>

export const RestoreVersionResult = z.object({
  hubItemId: z.string(),
  /** The hub item's version after the restore. */
  version: z.number().int(),
  /** Fields whose value the restore changed (empty: already in that state). */
  restored: z.array(z.string()),
  /** A push is queued to bring Webflow along. */
  pushQueued: z.boolean(),
})
export type RestoreVersionResult = z.infer<typeof RestoreVersionResult>

/**
 * Restore a linked collection to a point in time, hub-side, then pushed: items changed since are put
 * back, items deleted since come back (their Webflow items relinked or recreated), items created since
 * are deleted (per the link's delete mode). Webflow item ids of kept items never change.
 */
export const RestoreCollectionRequest = z.strictObject({ at: z.iso.datetime({ offset: true }) })
export type RestoreCollectionRequest = z.infer<typeof RestoreCollectionRequest>

export const RestoreCollectionResult = z.object({
  linkId: z.string(),
  at: z.string(),
  changed: z.number().int(),
  undeleted: z.number().int(),
  deleted: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.array(z.object({ hubItemId: z.string(), reason: z.string() })),
})
export type RestoreCollectionResult = z.infer<typeof RestoreCollectionResult>
