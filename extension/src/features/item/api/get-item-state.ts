import { ItemSyncState } from '@bindery/shared/api/links'
import { useQuery } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { queryKeys } from '../../../lib/query-keys'
import { itemPath } from './get-item-history'

/** `GET /api/sites/:siteId/webflow-items/:webflowItemId`: the canvas item's sync state and diff. */
export function getItemState(
  api: ApiClient,
  siteId: string,
  webflowItemId: string,
  locale?: string | null,
): Promise<ItemSyncState> {
  const q = locale ? `?locale=${encodeURIComponent(locale)}` : ''
  return api.get(`${itemPath(siteId, webflowItemId)}${q}`, ItemSyncState)
}

export const ITEM_REFRESH_MS = 4_000

/**
 * The item's state in the locale the canvas shows, refreshed while it stays open (edits land on
 * either side, and the Designer may switch locale).
 */
export function useItemState(webflowItemId: string) {
  const { api, siteId, designer } = usePanel()
  return useQuery({
    queryKey: queryKeys.webflowItem(siteId, webflowItemId, 'state'),
    queryFn: async () =>
      getItemState(api, siteId, webflowItemId, (await designer.currentLocaleTag?.()) ?? null),
    refetchInterval: ITEM_REFRESH_MS,
  })
}
