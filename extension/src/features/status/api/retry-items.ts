import { RetryAccepted } from '@bindery/shared/api/links'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { linkPath, queryKeys } from '../../../lib/query-keys'

/**
 * `POST …/links/:linkId/items/:hubItemId/retry` (one failed item) or `POST …/links/:linkId/retry`
 * (every failed item): queued for the next push.
 */
export function retryItems(
  api: ApiClient,
  siteId: string,
  linkId: string,
  hubItemId: string | null,
): Promise<RetryAccepted> {
  const path = hubItemId
    ? `${linkPath(siteId, linkId)}/items/${encodeURIComponent(hubItemId)}/retry`
    : `${linkPath(siteId, linkId)}/retry`
  return api.post(path, RetryAccepted, {})
}

export function useRetryItems(linkId: string) {
  const { api, siteId } = usePanel()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (hubItemId: string | null) => retryItems(api, siteId, linkId, hubItemId),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.link(siteId, linkId) }),
  })
}
