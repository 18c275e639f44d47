import { LinkSummary, type SiteCollections } from '@bindery/shared/api/links'
import { useQueries, useQueryClient } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { linkPath, patchLinkInCollections, queryKeys } from '../../../lib/query-keys'

/** `GET …/links/:linkId`: one link's summary (from Bindery's database: no Webflow request). */
export function getLinkSummary(api: ApiClient, siteId: string, linkId: string): Promise<LinkSummary> {
  return api.get(linkPath(siteId, linkId), LinkSummary)
}

const BUSY_REFRESH_MS = 3_000
const busy = (l: LinkSummary) => l.state === 'connecting' || l.state === 'syncing'

/**
 * While a link syncs, its badge moves: its summary is read every 3 s and put into the collections
 * list. (Reading the list itself again would cost Webflow requests on the token's budget.)
 */
export function useBusyLinkBadges(data: SiteCollections | undefined) {
  const { api, siteId } = usePanel()
  const client = useQueryClient()
  useQueries({
    queries: (data?.links ?? []).filter(busy).map((l) => ({
      queryKey: queryKeys.link(siteId, l.id),
      queryFn: async () => {
        const link = await getLinkSummary(api, siteId, l.id)
        client.setQueryData(queryKeys.collections(siteId), (d: SiteCollections | undefined) =>
          patchLinkInCollections(d, link),
        )
        return link
      },
      refetchInterval: BUSY_REFRESH_MS,
    })),
  })
}
