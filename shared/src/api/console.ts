import { z } from 'zod'
import { BreakerState } from './admin-reliability'
import { LinkState } from './links'
import { WebhookHealth } from './site'

/**
 * The support console's own contracts (README "Support console"): its sign-in under
 * `/console/api/session`, and the admin API reads it needs beyond the CLI's (`/admin/api/overview`,
 * `/admin/api/items…`). Tokens never appear in them.
 */

/** `POST /console/api/session`: the admin token, exchanged for the console cookie. */
export const ConsoleSignIn = z.strictObject({ token: z.string().min(1).max(512) })
/** The sign-in answer, and `GET /console/api/session`: the CSRF token to send in `x-csrf-token`. */
export const ConsoleSession = z.object({ csrfToken: z.string(), expiresAt: z.string() })
export type ConsoleSession = z.infer<typeof ConsoleSession>

/** A site's Webflow credential: working, revoked by an uninstall, or refused by Webflow (reinstall). */
export const TokenHealth = z.enum(['ok', 'revoked', 'needs_reinstall'])
export type TokenHealth = z.infer<typeof TokenHealth>

export const LinksByState = z.partialRecord(LinkState, z.number().int())

export const OverviewSite = z.object({
  id: z.string(),
  displayName: z.string(),
  installationId: z.string(),
  paused: z.boolean(),
  tokenHealth: TokenHealth,
  webhookHealth: WebhookHealth.nullable(),
  breaker: BreakerState,
  heldJobs: z.number().int(),
  pendingWebhooks: z.number().int(),
  /** Open delete holds (mass deletes waiting for a person). */
  heldDeletes: z.number().int(),
  openConflicts: z.number().int(),
  failedItems: z.number().int(),
  links: LinksByState,
  lastReconcileAt: z.string().nullable(),
})
export type OverviewSite = z.infer<typeof OverviewSite>

export const OverviewInstallation = z.object({
  id: z.string(),
  status: z.enum(['active', 'revoked']),
  tokenHealth: TokenHealth,
  authorizedEmail: z.string().nullable(),
  siteCount: z.number().int(),
  revokedAt: z.string().nullable(),
})

/** `GET /admin/api/overview`: every installation and site at a glance, in a few set queries. */
export const ConsoleOverview = z.object({
  generatedAt: z.string(),
  deadLetters: z.number().int(),
  installations: z.array(OverviewInstallation),
  sites: z.array(OverviewSite),
})
export type ConsoleOverview = z.infer<typeof ConsoleOverview>

/** `GET /admin/api/items?q=`: a hub id, a Webflow item id or a slug, across every site. */
export const ItemSearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(256),
  siteId: z.string().min(1).max(64).optional(),
})
export const ItemMatch = z.object({
  siteId: z.string(),
  siteName: z.string(),
  hubItemId: z.string(),
  collection: z.string(),
  name: z.string(),
  slug: z.string(),
  deleted: z.boolean(),
  /** Null when the item's collection is not linked to Webflow. */
  linkId: z.string().nullable(),
  webflowItemId: z.string().nullable(),
  state: z.enum(['synced', 'pending', 'failed', 'conflict', 'not_linked']),
})
export type ItemMatch = z.infer<typeof ItemMatch>
export const ItemSearchResult = z.object({ items: z.array(ItemMatch) })
export type ItemSearchResult = z.infer<typeof ItemSearchResult>

export const ItemParams = z.object({ siteId: z.string().min(1).max(64), hubItemId: z.uuid() })

/** `GET /admin/api/sites/:siteId/items/:hubItemId`: both sides now, field by field. */
export const ItemDetail = z.object({
  item: ItemMatch,
  lastPushedAt: z.string().nullable(),
  lastPulledAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Webflow's lifecycle of the item as last seen (published, draft, changes_queued…). */
  webflowState: z.string().nullable(),
  fields: z.array(
    z.object({ field: z.string(), hub: z.unknown(), webflow: z.unknown(), differs: z.boolean() }),
  ),
  /** Why the Webflow side could not be read live (not linked, gone, Webflow refused…). */
  webflowError: z.string().nullable(),
})
export type ItemDetail = z.infer<typeof ItemDetail>

/** `GET /admin/api/sites/:siteId/items/:hubItemId/history?before=&limit=`: newest first. */
export const ItemHistoryQuery = z.strictObject({
  before: z
    .string()
    .regex(/^\d{1,19}$/, 'a history cursor')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export const AuditEntryJson = z.object({
  id: z.string(),
  at: z.string(),
  direction: z.enum(['push', 'pull', 'admin', 'system', 'content']),
  action: z.string(),
  siteId: z.string().nullable(),
  subjectType: z.string(),
  subjectId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  correlationId: z.string().nullable(),
})
export type AuditEntryJson = z.infer<typeof AuditEntryJson>
export const ItemHistory = z.object({ entries: z.array(AuditEntryJson), nextBefore: z.string().nullable() })
export type ItemHistory = z.infer<typeof ItemHistory>

/** `GET /admin/api/runbooks`: docs/runbooks.md, which the console shows with a section per alert. */
export const Runbooks = z.object({ markdown: z.string() })
export type Runbooks = z.infer<typeof Runbooks>
