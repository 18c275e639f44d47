import { z } from 'zod'

/**
 * `GET /api/sites/:siteId/conflicts?linkId=`: items held for review, with both sides' values per field
 * (and the last synced value, `base`). Also under `/admin/api/sites/:siteId`.
 */
export const ConflictSummary = z.object({
  id: z.string(),
  linkId: z.string(),
  hubItemId: z.string(),
  webflowItemId: z.string(),
  /** The item's hub slug and name, for the list. */
  slug: z.string().optional(),
  name: z.string().optional(),
  fields: z.array(z.object({ field: z.string(), base: z.unknown(), hub: z.unknown(), webflow: z.unknown() })),
  createdAt: z.string(),
})
export type ConflictSummary = z.infer<typeof ConflictSummary>

export const ConflictListQuery = z.strictObject({ linkId: z.uuid().optional() })

export const ConflictList = z.object({ conflicts: z.array(ConflictSummary) })
export type ConflictList = z.infer<typeof ConflictList>

/**
 * `POST /api/sites/:siteId/conflicts/:conflictId/resolve`: which side's values win, for the whole item
 * (`side`) or per conflicting field (`fields`: every field of the conflict, each 'hub' or 'webflow').
 * Fields not in conflict keep the merge's result either way.
 */
export const ResolveConflictRequest = z.union([
  z.strictObject({ side: z.enum(['hub', 'webflow']) }),
  z.strictObject({ fields: z.record(z.string(), z.enum(['hub', 'webflow'])) }),
])
export type ResolveConflictRequest = z.infer<typeof ResolveConflictRequest>
