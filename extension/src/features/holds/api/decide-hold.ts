import { HoldDecision, type HoldDecisionRequest } from '@bindery/shared/api/holds'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { queryKeys, sitePath } from '../../../lib/query-keys'

export type HoldVerdict = 'confirm' | 'reject'

/**
 * `POST /api/sites/:siteId/holds/:holdId/confirm|reject`: confirm (the deletes happen) or reject
 * (the items come back on the side that deleted them); `hubItemIds` decides only those items.
 */
export function decideHold(
  api: ApiClient,
  siteId: string,
  holdId: string,
  verdict: HoldVerdict,
  body: HoldDecisionRequest = {},
): Promise<HoldDecision> {
  return api.post(`${sitePath(siteId)}/holds/${encodeURIComponent(holdId)}/${verdict}`, HoldDecision, body)
}

export function useDecideHold(linkId: string) {
  const { api, siteId } = usePanel()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { holdId: string; verdict: HoldVerdict; hubItemIds?: string[] }) =>
      decideHold(api, siteId, v.holdId, v.verdict, v.hubItemIds ? { hubItemIds: v.hubItemIds } : {}),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.link(siteId, linkId) }),
  })
}
