import { SyncPlan } from '@bindery/shared/api/plans'
import { useQuery } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { linkPath, queryKeys } from '../../../lib/query-keys'

/** `POST …/links/:linkId/plans/resync`: what "Full resync" would do (a dry run: nothing is written). */
export function planResync(api: ApiClient, siteId: string, linkId: string, full: boolean): Promise<SyncPlan> {
  return api.post(`${linkPath(siteId, linkId)}/plans/resync`, SyncPlan, full ? { full: true } : {})
}

export function useResyncPlan(linkId: string, full: boolean) {
  const { api, siteId } = usePanel()
  return useQuery({
    queryKey: queryKeys.linkPart(siteId, linkId, 'plan', 'resync', full),
    queryFn: () => planResync(api, siteId, linkId, full),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  })
}
