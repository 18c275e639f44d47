import { SiteCollections } from '@bindery/shared/api/links'
import { queryOptions, useQuery } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { queryKeys, sitePath } from '../../../lib/query-keys'

/** `GET /api/sites/:siteId/collections`: hub and Webflow collections and the links between them. */
export function getCollections(api: ApiClient, siteId: string): Promise<SiteCollections> {
  return api.get(`${sitePath(siteId)}/collections`, SiteCollections)
}

const BUSY_REFRESH_MS = 3_000
const busy = (data: SiteCollections | undefined) =>
  data?.links.some((l) => l.state === 'connecting' || l.state === 'syncing') ?? false

/** Refreshed while a link is still syncing, so its badge moves. */
export const collectionsQuery = (api: ApiClient, siteId: string) =>
  queryOptions({
    queryKey: queryKeys.collections(siteId),
    queryFn: () => getCollections(api, siteId),
    refetchInterval: (query) => (busy(query.state.data) ? BUSY_REFRESH_MS : false),
  })

/** The site's collections and links. */
export function useCollections() {
  const { api, siteId } = usePanel()
  return useQuery(collectionsQuery(api, siteId))
}
