import { z } from 'zod'
import { HubFieldType } from '../hub'

/**
 * Dry-run plans: what Connect, Change fields, Sync now and Full resync would do, computed by the same
 * decision code the real run uses, without writing anything on either side. The panel shows one before
 * "Apply", which is the ordinary request (`POST …/links`, `PATCH …/links/:linkId`, `POST …/resync`).
 *
 * - `POST /api/sites/:siteId/plans/connect`, body `ConnectRequest` → `SyncPlan`
 * - `POST /api/sites/:siteId/links/:linkId/plans/fields`, body `UpdateLinkRequest` → `SyncPlan`
 * - `POST /api/sites/:siteId/links/:linkId/plans/resync`, body `ResyncRequest` → `SyncPlan`
 *
 * The same paths exist under `/admin/api/sites/:siteId`; the CLI has `resync <link> --dry-run`.
 */

export const PlanKind = z.enum(['connect', 'fields', 'sync-now', 'full'])
export type PlanKind = z.infer<typeof PlanKind>

export const PlanAction = z.enum(['create', 'update', 'publish', 'unpublish', 'archive', 'delete'])
export type PlanAction = z.infer<typeof PlanAction>

/** How many items each action touches on one side. */
export const SidePlan = z.object(
  Object.fromEntries(PlanAction.options.map((a) => [a, z.number().int()])) as Record<PlanAction, z.ZodNumber>,
)
export type SidePlan = z.infer<typeof SidePlan>

/** One item of the plan, for the list under each number (at most 20 per side and action). */
export const PlanSample = z.object({
  side: z.enum(['hub', 'webflow']),
  action: PlanAction,
  slug: z.string(),
  name: z.string(),
  hubItemId: z.string().nullable(),
  webflowItemId: z.string().nullable(),
})
export type PlanSample = z.infer<typeof PlanSample>

/** What the Webflow requests cost under the token's budget. */
export const PlanCost = z.object({
  /** Webflow requests this plan makes when applied (lists, writes, publishes, schema). */
  requests: z.number().int(),
  /** The same by kind: `list`, `create`, `update`, `publish`, `unpublish`, `delete`, `schema`. */
  byKind: z.record(z.string(), z.number().int()),
  /** Requests other links on the same token have queued already: they go first. */
  queuedAhead: z.number().int(),
  /** The token's budget (requests per minute). */
  perMinute: z.number().int(),
  /** Seconds until this plan's last request, behind what is queued ahead. */
  seconds: z.number().int(),
  /** e.g. "211 requests ≈ 1 min at 120/min". */
  summary: z.string(),
})
export type PlanCost = z.infer<typeof PlanCost>

export const SyncPlan = z.object({
  kind: PlanKind,
  linkId: z.string().nullable(),
  /** Items changed in Webflow, and in the hub. */
  webflow: SidePlan,
  hub: SidePlan,
  /** Items that need nothing. */
  unchanged: z.number().int(),
  /** Items both sides changed differently, and how the link's policy settles each. */
  conflicts: z.array(
    z.object({
      slug: z.string(),
      fields: z.array(z.string()),
      winner: z.enum(['hub', 'webflow', 'review']),
    }),
  ),
  /** Deletes that would wait for a person (the link holds deletes, or a mass delete). */
  heldDeletes: z.number().int(),
  /** Connect (publish): the Webflow collection that would be created. */
  collectionToCreate: z.object({ displayName: z.string(), slug: z.string() }).nullable(),
  fieldsToCreate: z.array(z.object({ slug: z.string(), displayName: z.string(), type: HubFieldType })),
  samples: z.array(PlanSample),
  cost: PlanCost,
  /** Webflow requests the dry run itself made (reads only: at most two list pages per 100 items). */
  reads: z.number().int(),
  /** Why some items cannot be planned exactly (e.g. a missing required value), one line each. */
  notes: z.array(z.string()),
  computedAt: z.string(),
})
export type SyncPlan = z.infer<typeof SyncPlan>
