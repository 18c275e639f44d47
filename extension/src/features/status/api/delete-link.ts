import type { ApiClient } from '../../../lib/api-client'
import { linkPath } from './get-link'

/** `DELETE …/links/:linkId`: stop syncing; items stay on both sides. */
export function deleteLink(api: ApiClient, siteId: string, linkId: string): Promise<void> {
  return api.delete(linkPath(siteId, linkId))
}
