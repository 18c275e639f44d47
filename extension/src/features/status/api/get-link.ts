import { LinkSummary } from '@bindery/shared/api/links'
import type { ApiClient } from '../../../lib/api-client'

export const linkPath = (siteId: string, linkId: string) =>
  `/api/sites/${encodeURIComponent(siteId)}/links/${encodeURIComponent(linkId)}`

/** `GET /api/sites/:siteId/links/:linkId`: one link's state, progress and counts. */
export function getLink(api: ApiClient, siteId: string, linkId: string): Promise<LinkSummary> {
  return api.get(linkPath(siteId, linkId), LinkSummary)
}
