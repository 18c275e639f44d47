import { z } from 'zod'

/**
 * `GET /admin/api/metrics/series` (admin scope): the operating figures Bindery samples into Postgres
 * once a minute (server/src/metrics/), for the console's charts. Columnar, as chart libraries such
 * as uPlot take it: `at[i]` is the minute of `series.<name>[i]`.
 */

/** The stored series. Counters are per minute (events in that minute); gauges are the minute's reading. */
export const MetricSeriesName = z.enum([
  /** Webhook deliveries accepted into the inbox (counter). */
  'webhookDeliveries',
  /** Hub items written to Webflow by pushes (counter). */
  'itemsPushed',
  /** Webflow changes applied to the hub by pulls (counter). */
  'itemsPulled',
  /** Jobs waiting in Bindery's queues, all queues (gauge). */
  'queueDepth',
  /** Webhook deliveries received but not yet applied (gauge). */
  'inboxPending',
  /** Jobs in the dead letters (gauge). */
  'deadLetters',
  /** Tokens whose circuit breaker is open (gauge). */
  'circuitsOpen',
  /** Sites whose kill switch is on (gauge). */
  'sitesPaused',
  /** p95 of hub write → Webflow confirmed, in ms, over the minute; null without pushes. */
  'p95PushMs',
  /** p95 of Webflow event → hub applied, in ms, over the minute; null without pulls. */
  'p95PullMs',
  /** Webflow answers 429 (counter). */
  'webflow429',
  /** Webflow answers 5xx (counter). */
  'webflow5xx',
  /** Items reconcile found differing (counter). */
  'driftFound',
  /** Of those, items reconcile repaired (counter). */
  'driftRepaired',
])
export type MetricSeriesName = z.infer<typeof MetricSeriesName>

/** How long samples are kept; `since` earlier than this finds nothing. */
export const METRIC_RETENTION_DAYS = 7

export const MetricSeriesQuery = z
  .strictObject({
    /** ISO time; default 24 hours before `until`. */
    since: z.iso.datetime({ offset: true }).optional(),
    /** ISO time; default now. */
    until: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((q) => !q.since || !q.until || Date.parse(q.since) <= Date.parse(q.until), {
    message: 'since must not be after until',
    path: ['since'],
  })
export type MetricSeriesQuery = z.infer<typeof MetricSeriesQuery>

export const MetricSeries = z.object({
  since: z.string(),
  until: z.string(),
  stepSeconds: z.literal(60),
  /** Epoch seconds of each sampled minute, ascending; minutes nothing was sampled in are absent. */
  at: z.array(z.number()),
  /** One value per entry of `at`; null where the figure has no reading that minute. */
  series: z.record(MetricSeriesName, z.array(z.number().nullable())),
})
export type MetricSeries = z.infer<typeof MetricSeries>
