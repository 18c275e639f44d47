import { ConflictList } from '@bindery/shared/api/conflicts'
import { useQuery } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { queryKeys, sitePath } from '../../../lib/query-keys'

/** `GET /api/sites/:siteId/conflicts?linkId=`: items held for review, both sides per field. */
export function getConflicts(api: ApiClient, siteId: string, linkId: string): Promise<ConflictList> {
  return api.get(`${sitePath(siteId)}/conflicts?linkId=${encodeURIComponent(linkId)}`, ConflictList)
}

export function useConflicts(linkId: string) {
  const { api, siteId } = usePanel()
  return useQuery({
    queryKey: queryKeys.linkPart(siteId, linkId, 'conflicts'),
    queryFn: () => getConflicts(api, siteId, linkId),
  })
}
