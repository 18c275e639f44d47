import { type ConnectRequest, LinkSummary } from '@bindery/shared/api/links'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { queryKeys, sitePath } from '../../../lib/query-keys'

/** `POST /api/sites/:siteId/links`: publish, import or link a pair; the initial sync starts. */
export function createLink(api: ApiClient, siteId: string, body: ConnectRequest): Promise<LinkSummary> {
  return api.post(`${sitePath(siteId)}/links`, LinkSummary, body)
}

export function useCreateLink() {
  const { api, siteId } = usePanel()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: ConnectRequest) => createLink(api, siteId, body),
    onSuccess: (link) => {
      client.setQueryData(queryKeys.link(siteId, link.id), link)
      void client.invalidateQueries({ queryKey: queryKeys.collections(siteId) })
    },
  })
}
