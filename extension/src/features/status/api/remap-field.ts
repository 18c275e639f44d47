import { LinkSummary } from '@bindery/shared/api/links'
import type { RemapFieldRequest } from '@bindery/shared/api/schema-drift'
import type { ApiClient } from '../../../lib/api-client'
import { linkPath } from '../../../lib/query-keys'
import { useLinkMutation } from './use-link-mutation'

/** `POST …/links/:linkId/schema/remap`: sync a hub field with a recreated Webflow field. */
export function remapField(
  api: ApiClient,
  siteId: string,
  linkId: string,
  body: RemapFieldRequest,
): Promise<LinkSummary> {
  return api.post(`${linkPath(siteId, linkId)}/schema/remap`, LinkSummary, body)
}

export const useRemapField = (linkId: string) => useLinkMutation(remapField, linkId)
