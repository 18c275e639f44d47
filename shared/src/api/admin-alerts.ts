import { z } from 'zod'

/**
 * Alerts: what Bindery posts to ALERT_WEBHOOK_URL (server/src/alerts/) and lists at
 * `GET /admin/api/alerts`. Each kind has a section in docs/runbooks.md, at the anchor below.
 */
export const AlertKind = z.enum([
  'token_revoked',
  'webhooks_unrepairable',
  'dead_letters',
  'circuit_open',
  'reconcile_drift',
  'deletes_held',
])
export type AlertKind = z.infer<typeof AlertKind>

/** The runbook section of each kind: `docs/runbooks.md#<anchor>`. */
export const RUNBOOK_ANCHORS: Record<AlertKind, string> = {
  token_revoked: 'token-revoked',
  webhooks_unrepairable: 'webhooks-unrepairable',
  dead_letters: 'dead-letters',
  circuit_open: 'circuit-open',
  reconcile_drift: 'reconcile-drift',
  deletes_held: 'deletes-held',
}

/** One incident: a condition on one subject (an installation, site, link, or `all`), open until it clears. */
export const AlertIncident = z.object({
  id: z.string(),
  kind: AlertKind,
  /** What it is about: an installation id, a site id, a link id, or `all`. */
  subject: z.string(),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
  openedAt: z.string(),
  /** When its message was due; null while a short blip may still clear by itself. */
  notifiedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  /** Where support sees it in the console. */
  consoleUrl: z.string(),
  /** Its section of docs/runbooks.md. */
  runbook: z.string(),
})
export type AlertIncident = z.infer<typeof AlertIncident>

export const AlertQuery = z.strictObject({
  /** `open` (default): incidents not resolved; `all`: the newest, resolved ones included. */
  state: z.enum(['open', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})

export const AlertList = z.object({ items: z.array(AlertIncident) })
export type AlertList = z.infer<typeof AlertList>
