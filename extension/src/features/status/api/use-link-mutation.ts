import type { LinkSummary, SiteCollections } from '@bindery/shared/api/links'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { patchLinkInCollections, queryKeys } from '../../../lib/query-keys'

/**
 * A change to a link whose answer is the link itself: the answer replaces the cached link, also in
 * the site's collections list (whose badges show it).
 */
export function useLinkMutation<V>(
  send: (api: ApiClient, siteId: string, linkId: string, vars: V) => Promise<LinkSummary>,
  linkId: string,
) {
  const { api, siteId } = usePanel()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (vars: V) => send(api, siteId, linkId, vars),
    onSuccess: (link) => {
      client.setQueryData(queryKeys.link(siteId, link.id), link)
      client.setQueryData(queryKeys.collections(siteId), (d: SiteCollections | undefined) =>
        patchLinkInCollections(d, link),
      )
    },
  })
}
