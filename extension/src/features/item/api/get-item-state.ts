import { ItemSyncState } from '@bindery/shared/api/links'
import { useEffect } from 'react'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { useRequest } from '../../../lib/use-request'

/** `GET /api/sites/:siteId/webflow-items/:webflowItemId`: the canvas item's sync state and diff. */
export function getItemState(
  api: ApiClient,
  siteId: string,
  webflowItemId: string,
  locale?: string | null,
): Promise<ItemSyncState> {
  const q = locale ? `?locale=${encodeURIComponent(locale)}` : ''
  return api.get(
    `/api/sites/${encodeURIComponent(siteId)}/webflow-items/${encodeURIComponent(webflowItemId)}${q}`,
    ItemSyncState,
  )
}

export const ITEM_REFRESH_MS = 4_000

/**
 * The item's state in the locale the canvas shows, refreshed while it stays open (edits land on
 * either side, and the Designer may switch locale).
 */
export function useItemState(webflowItemId: string) {
  const { api, siteId, designer } = usePanel()
  const request = useRequest(webflowItemId, async () =>
    getItemState(api, siteId, webflowItemId, (await designer.currentLocaleTag?.()) ?? null),
  )
  const { reload } = request
  useEffect(() => {
    const timer = setInterval(() => void reload(), ITEM_REFRESH_MS)
    return () => clearInterval(timer)
  }, [reload])
  return request
}
