import { z } from 'zod'

/** What the last webhook check found for a site. */
export const WebhookHealth = z.object({
  ok: z.boolean(),
  /** Trigger types still without a working webhook after the check (see `error`). */
  missing: z.array(z.string()),
  /** Trigger types this check created a webhook for: missing before, or stopped delivering. */
  created: z.array(z.string()).default([]),
  /** Of those, the ones recreated because Webflow had stopped delivering them (deactivated). */
  repaired: z.array(z.string()).default([]),
  lastCheckedAt: z.string(),
  error: z.string().optional(),
})
export type WebhookHealth = z.infer<typeof WebhookHealth>

export const SiteParams = z.object({ siteId: z.string().min(1).max(64) })

/** `GET /api/sites/:siteId`: the panel's view of its site. */
export const SiteStatus = z.object({
  id: z.string(),
  displayName: z.string(),
  shortName: z.string().nullable(),
  paused: z.boolean(),
  webhookHealth: WebhookHealth.nullable(),
  installation: z.object({
    id: z.string(),
    status: z.enum(['active', 'revoked']),
    /**
     * Webflow refuses the installation's token (401/403: access revoked in Webflow). Bindery holds the
     * site's work until someone reinstalls; the panel shows "Reconnect Bindery" linking `installUrl`.
     */
    needsReinstall: z.boolean(),
    /** Since when the token is refused; null while it works. */
    tokenRejectedAt: z.string().nullable(),
    /** Where a workspace admin reinstalls (reconnects) Bindery: the OAuth install start. */
    installUrl: z.string(),
  }),
})
export type SiteStatus = z.infer<typeof SiteStatus>
