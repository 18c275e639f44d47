import type { ResolveConflictRequest } from '@bindery/shared/api/conflicts'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { queryKeys, sitePath } from '../../../lib/query-keys'

/** The panel reads nothing from the answer but its success. */
const Resolved = z.unknown()

/** `POST /api/sites/:siteId/conflicts/:id/resolve`: one side for the whole item, or a side per field. */
export function resolveConflict(
  api: ApiClient,
  siteId: string,
  conflictId: string,
  body: ResolveConflictRequest,
): Promise<unknown> {
  return api.post(`${sitePath(siteId)}/conflicts/${encodeURIComponent(conflictId)}/resolve`, Resolved, body)
}

export function useResolveConflict(linkId: string) {
  const { api, siteId } = usePanel()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { conflictId: string; body: ResolveConflictRequest }) =>
      resolveConflict(api, siteId, v.conflictId, v.body),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.link(siteId, linkId) }),
  })
}
