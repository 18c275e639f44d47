import { type ConnectRequest, LinkSummary } from '@bindery/shared/api/links'
import type { ApiClient } from '../../../lib/api-client'

/** `POST /api/sites/:siteId/links`: publish, import or link a pair; the initial sync starts. */
export function createLink(api: ApiClient, siteId: string, body: ConnectRequest): Promise<LinkSummary> {
  return api.post(`/api/sites/${encodeURIComponent(siteId)}/links`, LinkSummary, body)
}
