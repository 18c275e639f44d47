import { z } from 'zod'
import { WebhookHealth } from './site'

/** Admin API views of installations and sites. Tokens never appear in them. */
export const AdminInstallation = z.object({
  id: z.string(),
  status: z.enum(['active', 'revoked']),
  workspaceIds: z.array(z.string()),
  siteIds: z.array(z.string()),
  scopes: z.array(z.string()),
  authorizedUser: z.object({ id: z.string(), email: z.string(), name: z.string() }).nullable(),
  rateLimit: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  revokedAt: z.string().nullable(),
})
export type AdminInstallation = z.infer<typeof AdminInstallation>

export const AdminSite = z.object({
  id: z.string(),
  installationId: z.string(),
  workspaceId: z.string().nullable(),
  displayName: z.string(),
  shortName: z.string().nullable(),
  paused: z.boolean(),
  webhookHealth: WebhookHealth.nullable(),
  webhooksCheckedAt: z.string().nullable(),
})
export type AdminSite = z.infer<typeof AdminSite>

export const AdminInstallationList = z.object({ installations: z.array(AdminInstallation) })
export const AdminSiteList = z.object({ sites: z.array(AdminSite) })

export const UninstallResult = z.object({
  installation: AdminInstallation,
  /** Whether Webflow confirmed the revoke (false: already revoked there, or unreachable). */
  revokedAtWebflow: z.boolean(),
  webhooksDeleted: z.number(),
  sitesPaused: z.number(),
})
export type UninstallResult = z.infer<typeof UninstallResult>
