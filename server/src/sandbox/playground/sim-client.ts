/**
 * The playground's calls to the Webflow simulator (sandbox mode only): its control API, to act as
 * a Designer user, and its Data API with a site token, to list what the canvas would show.
 */
export type SimItem = { id: string; name: string; slug: string; isDraft: boolean; isArchived: boolean }
export type SimCollection = { id: string; displayName: string; items: SimItem[] }
export type SimLocale = { cmsLocaleId: string; tag: string; displayName: string; primary: boolean }

export function simClient(simUrl: string) {
  let siteToken: { siteId: string; token: string } | null = null

  const call = async <T>(method: string, path: string, body?: unknown, token?: string): Promise<T> => {
    const headers: Record<string, string> = {}
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (token) headers.authorization = `Bearer ${token}`
    const res = await fetch(`${simUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`simulator ${method} ${path}: HTTP ${res.status} ${text.slice(0, 200)}`)
    return (text ? JSON.parse(text) : undefined) as T
  }

  const tokenFor = async (siteId: string) => {
    if (siteToken?.siteId !== siteId) {
      const { token } = await call<{ token: string }>('POST', '/_sim/site-tokens', { siteId })
      siteToken = { siteId, token }
    }
    return siteToken.token
  }

  const designerItem = (siteId: string, collectionId: string, itemId: string) =>
    `/_sim/sites/${encodeURIComponent(siteId)}/collections/${encodeURIComponent(collectionId)}/items/${encodeURIComponent(itemId)}`

  return {
    /** A fresh Webflow ID token for the site's workspace owner (the demo designer). */
    idToken: (siteId: string) => call<{ idToken: string }>('POST', '/_sim/id-tokens', { siteId }),

    /** The site's collections and their items, as the Designer's CMS panel lists them. */
    async collections(siteId: string): Promise<SimCollection[]> {
      const token = await tokenFor(siteId)
      const { collections } = await call<{ collections: { id: string; displayName: string }[] }>(
        'GET',
        `/v2/sites/${encodeURIComponent(siteId)}/collections`,
        undefined,
        token,
      )
      return Promise.all(
        collections.map(async (c) => {
          const { items } = await call<{
            items: {
              id: string
              isDraft: boolean
              isArchived: boolean
              fieldData: { name: string; slug: string }
            }[]
          }>('GET', `/v2/collections/${encodeURIComponent(c.id)}/items?limit=100`, undefined, token)
          return {
            id: c.id,
            displayName: c.displayName,
            items: items.map((i) => ({
              id: i.id,
              name: i.fieldData.name,
              slug: i.fieldData.slug,
              isDraft: i.isDraft,
              isArchived: i.isArchived,
            })),
          }
        }),
      )
    },

    /** The site's locales, primary first (GET /v2/sites/{id}). */
    async locales(siteId: string): Promise<SimLocale[]> {
      type L = { cmsLocaleId: string; tag: string; displayName: string }
      const site = await call<{ locales?: { primary: L; secondary: L[] } | null }>(
        'GET',
        `/v2/sites/${encodeURIComponent(siteId)}`,
        undefined,
        await tokenFor(siteId),
      )
      if (!site.locales) return []
      const pick = (l: L, primary: boolean) => ({
        cmsLocaleId: l.cmsLocaleId,
        tag: l.tag,
        displayName: l.displayName,
        primary,
      })
      return [pick(site.locales.primary, true), ...site.locales.secondary.map((l) => pick(l, false))]
    },

    /**
     * An edit made "in Webflow" by a Designer user in the locale the canvas shows: fires webhooks
     * like the real Designer.
     */
    updateItem: (
      siteId: string,
      collectionId: string,
      itemId: string,
      fieldData: Record<string, unknown>,
      cmsLocaleId?: string,
    ) =>
      call<unknown>('PATCH', designerItem(siteId, collectionId, itemId), {
        fieldData,
        ...(cmsLocaleId ? { cmsLocaleId } : {}),
      }),

    publishItem: (siteId: string, collectionId: string, itemId: string) =>
      call<unknown>('POST', `${designerItem(siteId, collectionId, itemId)}/publish`),

    /** A Designer user deletes the item (every locale): Webflow sends `collection_item_deleted`. */
    deleteItem: (siteId: string, collectionId: string, itemId: string) =>
      call<unknown>('DELETE', designerItem(siteId, collectionId, itemId)),
  }
}
