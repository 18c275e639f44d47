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
}

type QueueDefinition<S extends z.ZodType> = { schema: S; options: QueueOptions }

function queue<S extends z.ZodType>(schema: S, options: QueueOptions = {}): QueueDefinition<S> {
  return { schema, options }
}

export const DEAD_LETTER_QUEUE = 'dead-letters'

export const queues = {
  /** Deletes processed inbox deliveries and audit rows past their retention. */
  'maintenance-prune': queue(z.object({ olderThanDays: z.number().int().positive().default(30) }), {
    policy: 'singleton',
    retryLimit: 2,
  }),
  /** Writes a link's dirty hub items to Webflow in bulk. One queued per link (stately): writes coalesce. */
  'link-push': queue(z.object({ linkId: z.uuid() }), {
    policy: 'stately',
    notify: true,
    retryLimit: 8,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 300,
    expireInSeconds: 1800,
  }),
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
      retryLimit: 8,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: 3600,
    },
  ),
  /**
   * Applies pending inbox deliveries (the inbox row is the outbox). Woken by NOTIFY and swept every
   * minute; `retryFailed` also retries failed rows with attempts left. At most one queued (short).
   */
  'inbox-process': queue(z.object({ retryFailed: z.boolean().default(false) }), {
    policy: 'short',
    notify: true,
    retryLimit: 3,
    retryDelay: 2,
    expireInSeconds: 300,
  }),
  /** Checks and repairs the webhooks of one site, or of every active site when `siteId` is absent. */
  'webhooks-check': queue(z.object({ siteId: z.string().optional() }), {
    policy: 'short',
    retryLimit: 2,
    retryDelay: 30,
    expireInSeconds: 900,
  }),
} as const

export type QueueName = keyof typeof queues
export type QueuePayload<Q extends QueueName> = z.infer<(typeof queues)[Q]['schema']>
