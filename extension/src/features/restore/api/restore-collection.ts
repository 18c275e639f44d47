import { type RestoreCollectionRequest, RestoreCollectionResult } from '@bindery/shared/api/history'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { linkPath, queryKeys } from '../../../lib/query-keys'

/** `POST …/links/:linkId/restore`: the hub collection as it was at `at`, then pushed (Webflow ids kept). */
export function restoreCollection(
  api: ApiClient,
  siteId: string,
  linkId: string,
  body: RestoreCollectionRequest,
): Promise<RestoreCollectionResult> {
  return api.post(`${linkPath(siteId, linkId)}/restore`, RestoreCollectionResult, body)
}

export function useRestoreCollection(linkId: string) {
  const { api, siteId } = usePanel()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (at: string) => restoreCollection(api, siteId, linkId, { at }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.link(siteId, linkId) }),
  })
}
