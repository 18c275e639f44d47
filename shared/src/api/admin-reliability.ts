import { z } from 'zod'
import { LinkSummary } from './links'
import { WebhookHealth } from './site'

/**
 * Support's reliability API under `/admin/api` (admin token): dead letters and their replay, the
 * per-site kill switch (also `/api/sites/:siteId/pause|resume` for the panel) and one status view.
 */

/** A job that used up its retries, as `GET /admin/api/dead-letters` lists it. */
export const DeadLetter = z.object({
  /** Its id in the dead-letter queue: the one to replay. */
  id: z.string(),
  /** The queue it failed on, where a replay sends it again. */
  queue: z.string().nullable(),
  payload: z.unknown(),
  error: z.string().nullable(),
  failedAt: z.string(),
  /** How many times it ran before giving up. */
  attempts: z.number().nullable(),
})
export type DeadLetter = z.infer<typeof DeadLetter>

export const DeadLetterQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(50) })

export const DeadLetterList = z.object({ total: z.number(), items: z.array(DeadLetter) })
export type DeadLetterList = z.infer<typeof DeadLetterList>

/**
 * `POST /admin/api/dead-letters/:id/replay` and `POST /admin/api/dead-letters/replay`. A job whose
 * queue already has the same work waiting (e.g. a push for the same link) is not sent twice: it
 * counts as `skipped` and leaves the dead letters, since the waiting job does its work.
 */
export const ReplayResult = z.object({ replayed: z.number(), skipped: z.number() })
export type ReplayResult = z.infer<typeof ReplayResult>

/** `POST …/sites/:siteId/pause` and `…/resume`. */
export const SiteControlResult = z.object({
  siteId: z.string(),
  paused: z.boolean(),
  /** On resume: held jobs sent again, and links whose push was queued. */
  jobsReleased: z.number(),
  pushesQueued: z.number(),
})
export type SiteControlResult = z.infer<typeof SiteControlResult>

export const BreakerState = z.object({
  state: z.enum(['closed', 'open', 'half_open']),
  failures: z.number(),
  openUntil: z.string().nullable(),
  lastError: z.string().nullable(),
})
export type BreakerState = z.infer<typeof BreakerState>

/** `GET /admin/api/status?siteId=`: what the CLI's `status` shows. */
export const ReliabilityStatus = z.object({
  sites: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      installationId: z.string(),
      paused: z.boolean(),
      webhookHealth: WebhookHealth.nullable(),
      breaker: BreakerState,
      heldJobs: z.number(),
      pendingWebhooks: z.number(),
      links: z.array(LinkSummary),
    }),
  ),
  deadLetters: z.number(),
})
export type ReliabilityStatus = z.infer<typeof ReliabilityStatus>

export const StatusQuery = z.strictObject({ siteId: z.string().min(1).max(64).optional() })
