import { z } from 'zod'

/** `POST /api/session`: the panel trades a Webflow ID token for a Bindery session on one site. */
export const SessionRequest = z.strictObject({
  idToken: z.string().min(1).max(8192),
  siteId: z.string().min(1).max(64),
  /**
   * What the Designer says the user may do (`webflow.canForAppMode([canEdit])`). Absent or false:
   * a read-only session. The server cannot check it with Webflow; it only ever lowers rights.
   */
  canEdit: z.boolean().optional(),
})
export type SessionRequest = z.infer<typeof SessionRequest>

export const SessionUser = z.object({ id: z.string(), email: z.string(), name: z.string() })
export type SessionUser = z.infer<typeof SessionUser>

export const SessionResponse = z.object({
  token: z.string(),
  /** ISO-8601; the panel asks for a new session before this. */
  expiresAt: z.string(),
  /** `viewer` reads; `editor` also changes sync; `manager` also manages API keys (README "Security"). */
  role: z.enum(['viewer', 'editor', 'manager']),
  user: SessionUser,
  site: z.object({ id: z.string(), displayName: z.string() }),
})
export type SessionResponse = z.infer<typeof SessionResponse>

/** The 409 a site without an installation answers: the panel offers `installUrl`. */
export const NotInstalledError = z.object({
  error: z.object({ code: z.literal('not_installed'), message: z.string(), installUrl: z.string() }),
})
export type NotInstalledError = z.infer<typeof NotInstalledError>
