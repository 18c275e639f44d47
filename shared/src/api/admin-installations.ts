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
  /** Content API keys of the sites, revoked; every designer session of the sites ended too. */
  apiKeysRevoked: z.number(),
})
export type UninstallResult = z.infer<typeof UninstallResult>

/** A user who may create and revoke the site's content API keys from the panel. */
export const SiteManager = z.object({
  userId: z.string(),
  email: z.string().nullable(),
  /** "install" (the installing user) or "admin". */
  addedBy: z.string(),
  createdAt: z.string(),
})
export const SiteManagerList = z.object({ managers: z.array(SiteManager) })
export const SiteManagerParams = z.object({
  siteId: z.string().min(1).max(64),
  userId: z.string().min(1).max(64),
})
export const SiteManagerRequest = z.strictObject({ email: z.email().max(254).optional() })
