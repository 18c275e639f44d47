import type { SiteCollections } from '@bindery/shared/api/links'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { linkPath, queryKeys } from '../../../lib/query-keys'

/** `DELETE …/links/:linkId`: stop syncing; items stay on both sides. */
export function deleteLink(api: ApiClient, siteId: string, linkId: string): Promise<void> {
  return api.delete(linkPath(siteId, linkId))
}

export function useDeleteLink(linkId: string) {
  const { api, siteId } = usePanel()
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => deleteLink(api, siteId, linkId),
    onSuccess: () => {
      client.removeQueries({ queryKey: queryKeys.link(siteId, linkId) })
      client.setQueryData(queryKeys.collections(siteId), (d: SiteCollections | undefined) =>
        d ? { ...d, links: d.links.filter((l) => l.id !== linkId) } : d,
      )
    },
  })
}
