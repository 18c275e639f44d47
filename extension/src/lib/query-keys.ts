/**
 * Query keys every feature shares, so one feature can refresh what another shows without importing
 * it: everything about a link starts with `link(siteId, linkId)`, and the link's event stream
 * refreshes that prefix.
 */
export const queryKeys = {
  site: (siteId: string) => ['site', siteId] as const,
  collections: (siteId: string) => ['site', siteId, 'collections'] as const,
  link: (siteId: string, linkId: string) => ['site', siteId, 'link', linkId] as const,
  /** A list or report that belongs to one link: errors, holds, conflicts, drift, plans. */
  linkPart: (siteId: string, linkId: string, part: string, ...rest: unknown[]) =>
    ['site', siteId, 'link', linkId, part, ...rest] as const,
  /** The canvas item (and its history), per locale. */
  webflowItem: (siteId: string, webflowItemId: string, ...rest: unknown[]) =>
    ['site', siteId, 'webflow-item', webflowItemId, ...rest] as const,
}

/** The path prefix of a site's panel routes. */
export const sitePath = (siteId: string) => `/api/sites/${encodeURIComponent(siteId)}`
export const linkPath = (siteId: string, linkId: string) =>
  `${sitePath(siteId)}/links/${encodeURIComponent(linkId)}`

/**
 * Puts a fresh link summary into the cached collections list, whose badges show it: cheaper than
 * fetching the list again, which reads Webflow (one request per collection) on the server.
 */
export function patchLinkInCollections<T extends { links: { id: string }[] }>(
  data: T | undefined,
  link: T['links'][number],
): T | undefined {
  return data && { ...data, links: data.links.map((l) => (l.id === link.id ? link : l)) }
}
