import { z } from 'zod'

/**
 * Reconcile and resync, under `/api/sites/:siteId/...` (designer session) and
 * `/admin/api/sites/:siteId/...` (admin token). The CLI calls the admin routes.
 */

/** The kinds of disagreement a reconcile finds between the hub, its item links and Webflow. */
export const DriftClass = z.enum([
  /** An item link whose Webflow item is gone while the hub item is not deleted (or a hub item never pushed). */
  'missingOnWebflow',
  /** A Webflow item no item link knows and no hub item matches by slug. */
  'missingInHub',
  /** Webflow's content differs from what was last synced and no webhook told us. */
  'changedInWebflow',
  /** The hub's content differs from what was last synced and no push is pending. */
  'changedInHub',
  /** Only the status disagrees, or Webflow's staged/live sub-state is one the hub does not explain. */
  'statusMismatch',
  /** A second Webflow item for one hub item (same slug, or a suffixed copy of a linked one). */
  'duplicate',
])
export type DriftClass = z.infer<typeof DriftClass>
export const DRIFT_CLASSES = DriftClass.options

export const DriftCounts = z.object(
  Object.fromEntries(DRIFT_CLASSES.map((c) => [c, z.number().int()])) as Record<DriftClass, z.ZodNumber>,
)
export type DriftCounts = z.infer<typeof DriftCounts>

export const DriftSample = z.object({
  hubItemId: z.string().nullable(),
  webflowItemId: z.string().nullable(),
  slug: z.string().nullable(),
})
export type DriftSample = z.infer<typeof DriftSample>

export const ReconcileTrigger = z.enum(['scheduled', 'manual', 'sync-now', 'full'])
export type ReconcileTrigger = z.infer<typeof ReconcileTrigger>

/** One reconcile run of one link. */
export const DriftReport = z.object({
  id: z.string(),
  linkId: z.string(),
  trigger: ReconcileTrigger,
  status: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Webflow items seen (staged) and hub items compared. */
  webflowItems: z.number().int(),
  hubItems: z.number().int(),
  /** Webflow requests the run itself made (list pages, checks, duplicate deletes); repair pushes are separate jobs. */
  requests: z.number().int(),
  found: DriftCounts,
  repaired: DriftCounts,
  /** Up to 10 examples per class. */
  samples: z.partialRecord(DriftClass, z.array(DriftSample)),
  /** Repairs left undone because they belong to a held mass delete (confirm or reject the hold). */
  held: z.number().int().optional(),
  error: z.string().nullable(),
})
export type DriftReport = z.infer<typeof DriftReport>

/** `GET …/links/:linkId/drift`: the latest report, null before the first run. */
export const LinkDrift = z.object({ report: DriftReport.nullable() })
export type LinkDrift = z.infer<typeof LinkDrift>

/** `GET …/drift`: the latest report of every active link of the site. */
export const SiteDrift = z.object({
  links: z.array(z.object({ linkId: z.string(), report: DriftReport.nullable() })),
})
export type SiteDrift = z.infer<typeof SiteDrift>

/** `POST …/links/:linkId/resync` and `POST …/resync`: "Sync now" by default, "Full resync" with `full`. */
export const ResyncRequest = z.strictObject({ full: z.boolean().optional() })
export type ResyncRequest = z.infer<typeof ResyncRequest>

export const ResyncKind = z.enum(['sync-now', 'full'])

/** 202 of a link resync: progress shows in the link summary (`state: 'syncing'`, `progress`). */
export const ResyncAccepted = z.object({ linkId: z.string(), kind: ResyncKind, queuedAt: z.string() })
export type ResyncAccepted = z.infer<typeof ResyncAccepted>

/** 202 of a site resync: one entry per active link. */
export const SiteResyncAccepted = z.object({ links: z.array(ResyncAccepted) })
export type SiteResyncAccepted = z.infer<typeof SiteResyncAccepted>
