import { SiteCollections } from '@bindery/shared/api/links'
import { useEffect } from 'react'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { useRequest } from '../../../lib/use-request'

/** `GET /api/sites/:siteId/collections`: hub and Webflow collections and the links between them. */
export function getCollections(api: ApiClient, siteId: string): Promise<SiteCollections> {
  return api.get(`/api/sites/${encodeURIComponent(siteId)}/collections`, SiteCollections)
}

const BUSY_REFRESH_MS = 3_000

/** The site's collections; refreshed while a link is still syncing so its badge moves. */
export function useCollections() {
  const { api, siteId } = usePanel()
  const request = useRequest(siteId, () => getCollections(api, siteId))
  const busy = request.data?.links.some((l) => l.state === 'connecting' || l.state === 'syncing') ?? false
  const { reload } = request
  useEffect(() => {
    if (!busy) return
    const timer = setInterval(() => void reload(), BUSY_REFRESH_MS)
    return () => clearInterval(timer)
  }, [busy, reload])
  return request
}
