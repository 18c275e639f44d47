import { LinkSummary } from '@bindery/shared/api/links'
import type { ApiClient } from '../../../lib/api-client'
import { linkPath } from '../../../lib/query-keys'
import { useLinkMutation } from './use-link-mutation'

/** `POST …/links/:linkId/schema/recreate`: create the deleted Webflow collection again and re-push. */
export function recreateCollection(api: ApiClient, siteId: string, linkId: string): Promise<LinkSummary> {
  return api.post(`${linkPath(siteId, linkId)}/schema/recreate`, LinkSummary, {})
}

export const useRecreateCollection = (linkId: string) => useLinkMutation<void>(recreateCollection, linkId)
