import { z } from 'zod'

/** `GET /api/sites/:siteId/conflicts`: items held for review, with both sides' values per field. */
export const ConflictSummary = z.object({
  id: z.string(),
  linkId: z.string(),
  hubItemId: z.string(),
  webflowItemId: z.string(),
  fields: z.array(z.object({ field: z.string(), base: z.unknown(), hub: z.unknown(), webflow: z.unknown() })),
  createdAt: z.string(),
})
export type ConflictSummary = z.infer<typeof ConflictSummary>

export const ConflictList = z.object({ conflicts: z.array(ConflictSummary) })
export type ConflictList = z.infer<typeof ConflictList>

/** `POST /api/sites/:siteId/conflicts/:conflictId/resolve`: which side's values win. */
export const ResolveConflictRequest = z.strictObject({ side: z.enum(['hub', 'webflow']) })
export type ResolveConflictRequest = z.infer<typeof ResolveConflictRequest>
