import { ItemSyncState } from '@bindery/shared/api/links'
import { useEffect } from 'react'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { useRequest } from '../../../lib/use-request'

/** `GET /api/sites/:siteId/webflow-items/:webflowItemId`: the canvas item's sync state and diff. */
export function getItemState(api: ApiClient, siteId: string, webflowItemId: string): Promise<ItemSyncState> {
  return api.get(
    `/api/sites/${encodeURIComponent(siteId)}/webflow-items/${encodeURIComponent(webflowItemId)}`,
    ItemSyncState,
  )
}

export const ITEM_REFRESH_MS = 4_000

/** The item's state, refreshed while it stays open on the canvas (edits land on either side). */
export function useItemState(webflowItemId: string) {
  const { api, siteId } = usePanel()
  const request = useRequest(webflowItemId, () => getItemState(api, siteId, webflowItemId))
  const { reload } = request
  useEffect(() => {
    const timer = setInterval(() => void reload(), ITEM_REFRESH_MS)
    return () => clearInterval(timer)
  }, [reload])
  return request
}
