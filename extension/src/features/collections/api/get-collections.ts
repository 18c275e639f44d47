import { SiteCollections } from '@bindery/shared/api/links'
import { queryOptions, useQuery } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { queryKeys, sitePath } from '../../../lib/query-keys'
import { useBusyLinkBadges } from './get-link-summary'

/** `GET /api/sites/:siteId/collections`: hub and Webflow collections and the links between them. */
export function getCollections(api: ApiClient, siteId: string): Promise<SiteCollections> {
  return api.get(`${sitePath(siteId)}/collections`, SiteCollections)
}

/**
 * The server reads Webflow's collections for this answer (a request per collection on the token's
 * budget), so it is fetched when the panel opens and after a connect or disconnect, not on a timer;
 * the links in it are kept current from their own summaries (`useBusyLinkBadges`, the link's events).
 */
export const collectionsQuery = (api: ApiClient, siteId: string) =>
  queryOptions({
    queryKey: queryKeys.collections(siteId),
    queryFn: () => getCollections(api, siteId),
    staleTime: Number.POSITIVE_INFINITY,
  })

/** The site's collections and links, with syncing links' badges kept moving. */
export function useCollections() {
  const { api, siteId } = usePanel()
  const query = useQuery(collectionsQuery(api, siteId))
  useBusyLinkBadges(query.data)
  return query
}
