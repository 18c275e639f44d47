import { HoldList } from '@bindery/shared/api/holds'
import { useQuery } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { queryKeys, sitePath } from '../../../lib/query-keys'

/** `GET /api/sites/:siteId/holds?linkId=&status=held`: deletes of one link waiting for a person. */
export function getHolds(api: ApiClient, siteId: string, linkId: string): Promise<HoldList> {
  const q = new URLSearchParams({ linkId, status: 'held' })
  return api.get(`${sitePath(siteId)}/holds?${q}`, HoldList)
}

/** Refreshed by the link's event stream when its held-delete count moves. */
export function useHolds(linkId: string) {
  const { api, siteId } = usePanel()
  return useQuery({
    queryKey: queryKeys.linkPart(siteId, linkId, 'holds'),
    queryFn: () => getHolds(api, siteId, linkId),
  })
}
