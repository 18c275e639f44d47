import { z } from 'zod'

/** One item whose delete waits in a hold. */
export const HeldItem = z.object({
  hubItemId: z.string(),
  webflowItemId: z.string().nullable(),
  slug: z.string(),
  name: z.string(),
})

/**
 * Deletes a run would have made past the mass-delete threshold. `side`: where they would happen
 * ('hub': Webflow deleted the items; 'webflow': the hub did). `source`: the job that found them.
 */
export const DeleteHold = z.object({
  id: z.string(),
  siteId: z.string(),
  linkId: z.string(),
  side: z.enum(['hub', 'webflow']),
  source: z.enum(['push', 'pull', 'reconcile']),
  status: z.enum(['held', 'confirmed', 'rejected']),
  items: z.array(HeldItem),
  /** Items the link had when the run was held. */
  collectionSize: z.number().int(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  /** Why it waits: a mass delete past the threshold, or a link that holds every delete for review. */
  reason: z.enum(['mass-delete', 'link-policy']).optional(),
})
export type DeleteHold = z.infer<typeof DeleteHold>

/**
 * `GET /admin/api/sites/:siteId/holds?linkId=&status=` and `GET /api/sites/:siteId/holds?…` (panel),
 * newest first.
 */
export const HoldListQuery = z.strictObject({
  linkId: z.uuid().optional(),
  status: z.enum(['held', 'confirmed', 'rejected']).optional(),
})
export const HoldList = z.object({ holds: z.array(DeleteHold) })
export type HoldList = z.infer<typeof HoldList>

export const HoldParams = z.object({ siteId: z.string().min(1).max(64), holdId: z.uuid() })

/**
 * Body of `POST …/holds/:holdId/confirm|reject` (panel and admin; optional): only these items of the
 * hold are decided (they move to a hold of their own with the decision); the rest keep waiting.
 */
export const HoldDecisionRequest = z.strictObject({ hubItemIds: z.array(z.uuid()).min(1).optional() })
export type HoldDecisionRequest = z.infer<typeof HoldDecisionRequest>

/** `POST …/holds/:holdId/confirm|reject`: what was done, and what could not be. */
export const HoldDecision = z.object({
  hold: DeleteHold,
  applied: z.number().int(),
  skipped: z.array(z.object({ hubItemId: z.string(), reason: z.string() })),
})
export type HoldDecision = z.infer<typeof HoldDecision>
