import { ResyncAccepted } from '@bindery/shared/api/reconcile'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { linkPath, queryKeys } from '../../../lib/query-keys'

/** `POST …/links/:linkId/resync`: "Sync now" (push pending, then reconcile) or a full resync. */
export function resyncLink(
  api: ApiClient,
  siteId: string,
  linkId: string,
  full: boolean,
): Promise<ResyncAccepted> {
  return api.post(`${linkPath(siteId, linkId)}/resync`, ResyncAccepted, full ? { full: true } : {})
}

/** The link shows `syncing` at once: its summary is fetched again after the 202. */
export function useResyncLink(linkId: string) {
  const { api, siteId } = usePanel()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (full: boolean) => resyncLink(api, siteId, linkId, full),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.link(siteId, linkId) }),
  })
}
