import { ItemHistory } from '@bindery/shared/api/history'
import { useInfiniteQuery } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { queryKeys, sitePath } from '../../../lib/query-keys'

export const itemPath = (siteId: string, webflowItemId: string) =>
  `${sitePath(siteId)}/webflow-items/${encodeURIComponent(webflowItemId)}`

/** `GET …/webflow-items/:webflowItemId/history?before=&limit=`: every change on either side, newest first. */
export function getItemHistory(
  api: ApiClient,
  siteId: string,
  webflowItemId: string,
  before: string | null,
): Promise<ItemHistory> {
  const q = new URLSearchParams({ limit: '20', ...(before ? { before } : {}) })
  return api.get(`${itemPath(siteId, webflowItemId)}/history?${q}`, ItemHistory)
}

/** Pages of 20, older ones on demand; fetched again when `freshness` (the item's last sync) moves. */
export function useItemHistory(webflowItemId: string, freshness: string) {
  const { api, siteId } = usePanel()
  return useInfiniteQuery({
    queryKey: queryKeys.webflowItem(siteId, webflowItemId, 'history', freshness),
    queryFn: ({ pageParam }) => getItemHistory(api, siteId, webflowItemId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
    placeholderData: (previous) => previous,
  })
}
