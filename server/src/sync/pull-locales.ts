import type { AppContext } from '../context/app-context'
import { getItemLinkByWebflowId } from '../db/item-links'
import type { Link } from '../db/links'
import { inTransaction } from '../db/pool'
import { localesOfLink } from '../db/site-locales'
import type { WebflowApi } from '../webflow/webflow-client'
import { applyLocaleItem } from './apply-locale-delivery'

const PAGE = 100

/**
 * Reads every secondary locale the link syncs from Webflow (one list per locale per 100 items, with
 * `cmsLocaleId`) and merges each version into the hub's version of that locale. Items whose primary
 * is not linked yet are left for the next run. Returns how many versions were read.
 */
export async function pullLocales(ctx: AppContext, wf: WebflowApi, link: Link): Promise<number> {
  const { secondary } = await localesOfLink(ctx.db, link.siteId, link.hubCollectionId)
  let read = 0
  for (const { tag, cmsLocaleId } of secondary) {
    for (let offset = 0; ; offset += PAGE) {
      const page = await wf.listItems(link.webflowCollectionId, { offset, limit: PAGE, cmsLocaleId })
      await inTransaction(ctx.db, async (tx) => {
        for (const item of page.items) {
          const itemLink = await getItemLinkByWebflowId(tx, link.id, item.id)
          if (itemLink) await applyLocaleItem(tx, ctx, link, itemLink.hubItemId, tag, item)
        }
      })
      read += page.items.length
      if (offset + PAGE >= page.pagination.total || !page.items.length) break
    }
  }
  return read
}
