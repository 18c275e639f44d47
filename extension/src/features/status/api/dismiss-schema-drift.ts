import { LinkSummary } from '@bindery/shared/api/links'
import type { ApiClient } from '../../../lib/api-client'
import { linkPath } from '../../../lib/query-keys'
import { useLinkMutation } from './use-link-mutation'

/** `POST …/links/:linkId/schema/dismiss`: clear the reported schema changes. */
export function dismissSchemaDrift(api: ApiClient, siteId: string, linkId: string): Promise<LinkSummary> {
  return api.post(`${linkPath(siteId, linkId)}/schema/dismiss`, LinkSummary, {})
}

export const useDismissSchemaDrift = (linkId: string) => useLinkMutation<void>(dismissSchemaDrift, linkId)
