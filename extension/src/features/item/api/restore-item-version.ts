import { type RestoreVersionRequest, RestoreVersionResult } from '@bindery/shared/api/history'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { queryKeys } from '../../../lib/query-keys'
import { itemPath } from './get-item-history'

/** `POST …/webflow-items/:webflowItemId/restore`: the item (or some fields) as it was after an entry; the hub is written, then pushed. */
export function restoreItemVersion(
  api: ApiClient,
  siteId: string,
  webflowItemId: string,
  body: RestoreVersionRequest,
): Promise<RestoreVersionResult> {
  return api.post(`${itemPath(siteId, webflowItemId)}/restore`, RestoreVersionResult, body)
}

export function useRestoreItemVersion(webflowItemId: string) {
  const { api, siteId } = usePanel()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: RestoreVersionRequest) => restoreItemVersion(api, siteId, webflowItemId, body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.webflowItem(siteId, webflowItemId) }),
  })
}
