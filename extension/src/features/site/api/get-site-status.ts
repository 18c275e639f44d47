import { SiteStatus } from '@bindery/shared/api/site'
import { useQuery } from '@tanstack/react-query'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { queryKeys, sitePath } from '../../../lib/query-keys'

/** `GET /api/sites/:siteId`: the site's kill switch, webhooks and installation health. */
export function getSiteStatus(api: ApiClient, siteId: string): Promise<SiteStatus> {
  return api.get(sitePath(siteId), SiteStatus)
}

const REFRESH_MS = 60_000

/** Checked once a minute: a token Webflow starts refusing shows up without a reload. */
export function useSiteStatus() {
  const { api, siteId } = usePanel()
  return useQuery({
    queryKey: [...queryKeys.site(siteId), 'status'],
    queryFn: () => getSiteStatus(api, siteId),
    refetchInterval: REFRESH_MS,
  })
}
