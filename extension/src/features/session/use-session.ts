import type { SessionResponse } from '@bindery/shared/api/session'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { type ApiClient, ApiError } from '../../lib/api-client'
import type { Designer, SiteInfo } from '../../lib/designer'
import { createSession } from './api/create-session'

export type SessionState =
  | { status: 'loading' }
  | { status: 'not_installed'; installUrl: string; message: string }
  | { status: 'error'; message: string }
  | {
      status: 'ready'
      session: SessionResponse
      site: SiteInfo
      canEdit: boolean
      /** Why this user cannot change anything (shown on every disabled control). */
      readOnlyReason: string
      api: ApiClient
    }

/** Renew this long before the session expires. */
const RENEW_MARGIN_MS = 60_000

/**
 * Opens a Bindery session for the Designer's site (ID token → `POST /api/session`), keeps it fresh
 * before it expires, and gives features an API client that carries it.
 */
export function useSession(designer: Designer, base: ApiClient) {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const token = useRef<string | null>(null)
  const inflight = useRef<Promise<SessionResponse> | null>(null)
  const site = useRef<SiteInfo | null>(null)
  const designerCanEdit = useRef(false)

  const open = useCallback(async (): Promise<SessionResponse> => {
    // Concurrent 401s share one renewal.
    inflight.current ??= (async () => {
      // Three independent Designer calls at once: the first screen waits for all of them.
      const [info, idToken, canEdit] = await Promise.all([
        site.current ?? designer.getSiteInfo(),
        designer.getIdToken(),
        // The server enforces it: a read-only designer gets a read-only session.
        designer.canEditContent().catch(() => false),
      ])
      site.current = info
      designerCanEdit.current = canEdit
      const session = await createSession(base, {
        idToken,
        siteId: site.current.siteId,
        canEdit: designerCanEdit.current,
      })
      token.current = session.token
      return session
    })().finally(() => {
      inflight.current = null
    })
    return inflight.current
  }, [designer, base])

  const api = useMemo(
    () => base.withTokens({ token: () => token.current, renew: async () => (await open()).token }),
    [base, open],
  )

  const start = useCallback(async () => {
    setState({ status: 'loading' })
    try {
      const session = await open()
      // Editable only when both agree: the Designer's capabilities and the session the server issued.
      const canEdit = designerCanEdit.current && session.role !== 'viewer'
      const readOnlyReason = designerCanEdit.current
        ? 'Bindery gave you read-only access to this site: ask a site manager to change it.'
        : 'Your role on this Webflow site cannot edit CMS content, so Bindery is read-only for you.'
      setState({ status: 'ready', session, site: site.current!, canEdit, readOnlyReason, api })
    } catch (err) {
      setState(failure(err))
    }
  }, [open, api])

  useEffect(() => {
    void start()
  }, [start])

  // Renew ahead of expiry so a request never meets an expired token (a 401 renews too, as backup).
  const expiresAt = state.status === 'ready' ? state.session.expiresAt : null
  useEffect(() => {
    if (!expiresAt) return
    const wait = Math.max(5_000, Date.parse(expiresAt) - Date.now() - RENEW_MARGIN_MS)
    const timer = setTimeout(() => {
      open().then(
        (session) => setState((s) => (s.status === 'ready' ? { ...s, session } : s)),
        (err) => setState(failure(err)),
      )
    }, wait)
    return () => clearTimeout(timer)
  }, [expiresAt, open])

  return { state, retry: start }
}

function failure(err: unknown): SessionState {
  if (err instanceof ApiError && err.code === 'not_installed') {
    return { status: 'not_installed', installUrl: String(err.body.installUrl ?? ''), message: err.message }
  }
  return { status: 'error', message: describe(err) }
}

function describe(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'network_error') return `${err.message}. Check that it is running, then try again.`
    if (err.status === 401) return 'Webflow did not confirm who you are. Reload the Designer, then try again.'
    if (err.status === 403) return 'This session belongs to another site. Reopen Bindery from this site.'
    return err.message
  }
  return err instanceof Error ? err.message : String(err)
}
