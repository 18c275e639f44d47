import { LinkErrors } from '@bindery/shared/api/links'
import { useQuery } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { linkPath, queryKeys } from '../../../lib/query-keys'

/** `GET …/links/:linkId/errors`: the latest failed items with Webflow's message. */
export function getLinkErrors(api: ApiClient, siteId: string, linkId: string): Promise<LinkErrors> {
  return api.get(`${linkPath(siteId, linkId)}/errors`, LinkErrors)
}

/** Refetched whenever `failed` (the link's failed count) changes. */
export function useLinkErrors(linkId: string, failed: number) {
  const { api, siteId } = usePanel()
  return useQuery({
    queryKey: queryKeys.linkPart(siteId, linkId, 'errors', failed),
    queryFn: () => getLinkErrors(api, siteId, linkId),
    placeholderData: (previous) => previous,
  })
}
