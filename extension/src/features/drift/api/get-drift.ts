import { LinkDrift } from '@bindery/shared/api/reconcile'
import { useQuery } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { linkPath, queryKeys } from '../../../lib/query-keys'

/** `GET …/links/:linkId/drift`: the latest reconcile's report (null before the first). */
export function getDrift(api: ApiClient, siteId: string, linkId: string): Promise<LinkDrift> {
  return api.get(`${linkPath(siteId, linkId)}/drift`, LinkDrift)
}

export function useDrift(linkId: string) {
  const { api, siteId } = usePanel()
  return useQuery({
    queryKey: queryKeys.linkPart(siteId, linkId, 'drift'),
    queryFn: () => getDrift(api, siteId, linkId),
  })
}
