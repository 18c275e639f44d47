import type { ConnectRequest } from '@bindery/shared/api/links'
import { SyncPlan } from '@bindery/shared/api/plans'
import { useQuery } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { queryKeys, sitePath } from '../../../lib/query-keys'

/** `POST /api/sites/:siteId/plans/connect`: what Connect would do (a dry run: nothing is written). */
export function planConnect(api: ApiClient, siteId: string, body: ConnectRequest): Promise<SyncPlan> {
  return api.post(`${sitePath(siteId)}/plans/connect`, SyncPlan, body)
}

/** A plan is for now: never served from the cache later. */
export function useConnectPlan(body: ConnectRequest, enabled: boolean) {
  const { api, siteId } = usePanel()
  return useQuery({
    queryKey: [...queryKeys.site(siteId), 'plan', 'connect', body],
    queryFn: () => planConnect(api, siteId, body),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    enabled,
  })
}
