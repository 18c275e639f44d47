import { z } from 'zod'

/**
 * Every pg-boss queue Bindery uses: name → payload schema → options.
 * Queues are created from this registry at start-up; a job's payload is parsed with its schema
 * before the handler sees it, because old or foreign jobs exist. Every queue's jobs that exhaust their
 * retries go to the `dead-letters` queue, where support can see and replay them.
 */
type QueueOptions = {
  retryLimit?: number
  retryDelay?: number
  retryBackoff?: boolean
  retryDelayMax?: number
  expireInSeconds?: number
  deleteAfterSeconds?: number
  policy?: 'standard' | 'short' | 'singleton' | 'stately' | 'exclusive'
  /** Wake idle workers at once (LISTEN/NOTIFY) instead of at their next poll: for latency-bound queues. */
  notify?: boolean
  /** A worker that dies mid-job stops beating: the job fails over after this long, not after expiry. */
  heartbeatSeconds?: number
}

/**
 * `singletonKey`: the key every job of the queue is sent with, from its payload: a stately queue keeps
 * one queued (and one running) job per key, a short one one queued job per key.
 */
type QueueDefinition<S extends z.ZodType> = {
  schema: S
  options: QueueOptions
  singletonKey?: (payload: z.input<S>) => string | undefined
}

function queue<S extends z.ZodType>(
  schema: S,
  options: QueueOptions = {},
  singletonKey?: (payload: z.input<S>) => string | undefined,
): QueueDefinition<S> {
  return { schema, options, singletonKey }
}

const byLink = (p: { linkId: string }) => p.linkId

export const DEAD_LETTER_QUEUE = 'dead-letters'

export const queues = {
  /** Deletes processed inbox deliveries and audit rows past their retention. */
  'maintenance-prune': queue(z.object({ olderThanDays: z.number().int().positive().default(30) }), {
    policy: 'singleton',
    retryLimit: 2,
  }),
  /** Writes a link's dirty hub items to Webflow in bulk. One queued per link (stately): writes coalesce. */
  'link-push': queue(
    z.object({ linkId: z.uuid() }),
    {
      policy: 'stately',
      notify: true,
      heartbeatSeconds: 10,
      retryLimit: 8,
      retryDelay: 2,
      retryBackoff: true,
      retryDelayMax: 300,
      expireInSeconds: 1800,
    },
    byLink,
  ),
  /** The initial sync of a new link: publish, import or match by slug, with progress. */
  'link-connect': queue(
    z.object({
      linkId: z.uuid(),
      mode: z.enum(['publish', 'import', 'link']),
      firstMatchWinner: z.enum(['hub', 'webflow']).optional(),
    }),
    {
      policy: 'stately',
      notify: true,
      heartbeatSeconds: 10,
      retryLimit: 8,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: 3600,
    },
    byLink,
  ),
  /**
   * Applies pending inbox deliveries (the inbox row is the outbox). Woken by NOTIFY and swept every
   * minute; `retryFailed` also retries failed rows with attempts left. At most one queued (short).
   */
  'inbox-process': queue(
    z.object({ retryFailed: z.boolean().default(false) }),
    {
      policy: 'short',
      notify: true,
      heartbeatSeconds: 10,
      retryLimit: 3,
      retryDelay: 2,
      expireInSeconds: 300,
    },
    () => 'inbox',
  ),
  /**
   * Reconciles one link with Webflow (drift found and repaired, a drift report kept): scheduled by
   * `reconcile-due`, or asked for. One queued and one running per link (stately).
   */
  'link-reconcile': queue(
    z.object({ linkId: z.uuid(), trigger: z.enum(['scheduled', 'manual']).default('manual') }),
    { policy: 'stately', retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 3600 },
    byLink,
  ),
  /**
   * "Sync now" (push what is pending, then reconcile) or "Full resync" (re-pull and re-push every
   * item) of one link. `waits` counts the times it waited for the pending push.
   */
  'link-resync': queue(
    z.object({
      linkId: z.uuid(),
      full: z.boolean().default(false),
      waits: z.number().int().min(0).default(0),
    }),
    {
      policy: 'stately',
      notify: true,
      retryLimit: 5,
      retryDelay: 10,
      retryBackoff: true,
      expireInSeconds: 3600,
    },
    byLink,
  ),
  /** The minute sweep that queues `link-reconcile` for links whose last reconcile is older than the interval. */
  'reconcile-due': queue(z.object({}), { policy: 'short', retryLimit: 1, expireInSeconds: 300 }),
  /** Checks and repairs the webhooks of one site, or of every active site when `siteId` is absent. */
  'webhooks-check': queue(
    z.object({ siteId: z.string().optional() }),
    { policy: 'short', retryLimit: 2, retryDelay: 30, expireInSeconds: 900 },
    (p) => p.siteId,
  ),
  /**
   * Publishes a site after pushes changed it, for links with `publishSite` on. One queued per site
   * (stately, keyed by site); the handler keeps publishes at least a minute apart.
   */
  'site-publish': queue(
    z.object({ siteId: z.string().min(1) }),
    {
      policy: 'stately',
      retryLimit: 5,
      retryDelay: 30,
      retryBackoff: true,
      retryDelayMax: 600,
      expireInSeconds: 300,
    },
    (p) => p.siteId,
  ),
  /** Once a minute: global gauges into `metric_samples` for the console's charts (short: one queued). */
  'metrics-sample': queue(z.object({}), { policy: 'short', retryLimit: 1, expireInSeconds: 120 }),
  /** Once a minute: opens and resolves alert incidents from what Postgres shows (short: one queued). */
  'alerts-check': queue(z.object({}), { policy: 'short', retryLimit: 1, expireInSeconds: 120 }),
  /** Posts one incident's opened or resolved message to ALERT_WEBHOOK_URL, retried with backoff. */
  'alert-deliver': queue(
    z.object({ incidentId: z.string().regex(/^\d+$/), event: z.enum(['opened', 'resolved']) }),
    { retryLimit: 8, retryDelay: 10, retryBackoff: true, retryDelayMax: 900, expireInSeconds: 120 },
  ),
} as const

export type QueueName = keyof typeof queues
export type QueuePayload<Q extends QueueName> = z.infer<(typeof queues)[Q]['schema']>
/** What a sender passes: the schema's input, before its defaults apply. */
export type QueueInput<Q extends QueueName> = z.input<(typeof queues)[Q]['schema']>
