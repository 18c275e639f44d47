import type { UpdateLinkRequest } from '@bindery/shared/api/links'
import { SyncPlan } from '@bindery/shared/api/plans'
import { useQuery } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { linkPath, queryKeys } from '../../../lib/query-keys'

/** `POST …/links/:linkId/plans/fields`: what a change of fields would do (a dry run: nothing is written). */
export function planFields(
  api: ApiClient,
  siteId: string,
  linkId: string,
  body: UpdateLinkRequest,
): Promise<SyncPlan> {
  return api.post(`${linkPath(siteId, linkId)}/plans/fields`, SyncPlan, body)
}

/** A plan is for now: never served from the cache later. */
export function useFieldsPlan(linkId: string, body: UpdateLinkRequest) {
  const { api, siteId } = usePanel()
  return useQuery({
    queryKey: queryKeys.linkPart(siteId, linkId, 'plan', 'fields', body),
    queryFn: () => planFields(api, siteId, linkId, body),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  })
}
