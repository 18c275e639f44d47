import { LinkSummary, type UpdateLinkRequest } from '@bindery/shared/api/links'
import type { ApiClient } from '../../../lib/api-client'
import { linkPath } from '../../../lib/query-keys'
import { useLinkMutation } from './use-link-mutation'

/** `PATCH …/links/:linkId`: pause/resume, the field selection, the conflict policy. */
export function updateLink(
  api: ApiClient,
  siteId: string,
  linkId: string,
  body: UpdateLinkRequest,
): Promise<LinkSummary> {
  return api.patch(linkPath(siteId, linkId), LinkSummary, body)
}

export const useUpdateLink = (linkId: string) => useLinkMutation(updateLink, linkId)
