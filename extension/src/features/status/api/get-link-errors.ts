import { LinkErrors } from '@bindery/shared/api/links'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { useRequest } from '../../../lib/use-request'
import { linkPath } from './get-link'

/** `GET …/links/:linkId/errors`: the latest failed items with Webflow's message. */
export function getLinkErrors(api: ApiClient, siteId: string, linkId: string): Promise<LinkErrors> {
  return api.get(`${linkPath(siteId, linkId)}/errors`, LinkErrors)
}

/** Reloaded whenever `failed` (the link's failed count) changes. */
export function useLinkErrors(linkId: string, failed: number) {
  const { api, siteId } = usePanel()
  return useRequest(`${linkId}:${failed}`, () => getLinkErrors(api, siteId, linkId))
}
