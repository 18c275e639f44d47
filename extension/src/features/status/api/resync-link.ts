import { ResyncAccepted } from '@bindery/shared/api/reconcile'
import type { ApiClient } from '../../../lib/api-client'
import { linkPath } from './get-link'

/** `POST …/links/:linkId/resync`: "Sync now" (push pending, then reconcile) or a full resync. */
export function resyncLink(
  api: ApiClient,
  siteId: string,
  linkId: string,
  full: boolean,
): Promise<ResyncAccepted> {
  return api.post(`${linkPath(siteId, linkId)}/resync`, ResyncAccepted, full ? { full: true } : {})
}
