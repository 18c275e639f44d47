import { type SessionRequest, SessionResponse } from '@bindery/shared/api/session'
import type { ApiClient } from '../../../lib/api-client'

/** `POST /api/session`: a Webflow ID token for a Bindery session on the site. */
export function createSession(api: ApiClient, body: SessionRequest): Promise<SessionResponse> {
  return api.post('/api/session', SessionResponse, body)
}
