import { type ConnectRequest, LinkSummary, type SiteCollections } from '@bindery/shared/api/links'
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
      // The new link shows at once; the list itself (a new collection on one side) is read again by
      // the screens when it is next shown: reading it costs Webflow requests during the initial sync.
      client.setQueryData(queryKeys.collections(siteId), (d: SiteCollections | undefined) =>
        d ? { ...d, links: [...d.links, link] } : d,
      )
    },
  })
}
