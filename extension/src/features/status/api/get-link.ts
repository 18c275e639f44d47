import { LinkSummary } from '@bindery/shared/api/links'
import { queryOptions, useQuery } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { linkPath, queryKeys } from '../../../lib/query-keys'
import { useLinkEvents } from './watch-link'

/** `GET /api/sites/:siteId/links/:linkId`: one link's state, progress and counts. */
export function getLink(api: ApiClient, siteId: string, linkId: string): Promise<LinkSummary> {
  return api.get(linkPath(siteId, linkId), LinkSummary)
}

export const linkQuery = (api: ApiClient, siteId: string, linkId: string) =>
  queryOptions({ queryKey: queryKeys.link(siteId, linkId), queryFn: () => getLink(api, siteId, linkId) })

/** A link, loaded once and then kept live by its event stream. */
export function useLink(linkId: string) {
  const { api, siteId } = usePanel()
  const query = useQuery(linkQuery(api, siteId, linkId))
  useLinkEvents(linkId, query.isSuccess, () => getLink(api, siteId, linkId))
  return query
}
