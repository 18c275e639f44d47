import type { QueuePayload } from '@bindery/shared/queues'
import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import { getHubItemBySlug } from '../db/hub-items'
import { getItemLinkByWebflowId, hasDirty, linkUnlinkedHubItems, recordSynced } from '../db/item-links'
import { getLink, type Link, updateLink } from '../db/links'
import { inTransaction } from '../db/pool'
import { applyItem } from '../sync/apply-delivery'
import { webflowStateOf } from '../sync/field-map'
import { pullLocales } from '../sync/pull-locales'

export const queue = 'link-connect'

const PAGE = 100

/**
 * The first sync of an imported or linked collection: pages through the Webflow collection and
 * applies every item to the hub (matching by slug when linking), then queues the push of what only
 * the hub has. Safe to run again after a crash: applied items are recognised and skipped.
 */
export async function handle(data: QueuePayload<typeof queue>, ctx: AppContext) {
  const link = await getLink(ctx.db, data.linkId)
  if (!link || link.disconnectedAt) return { skipped: 'no such link' }
  const wf = await ctx.webflow.forSite(link.siteId)
  const webflowWins: Link = { ...link, conflictPolicy: 'webflow' }
  let done = 0
  for (let offset = 0; ; offset += PAGE) {
    const page = await wf.listItems(link.webflowCollectionId, { offset, limit: PAGE })
    await inTransaction(ctx.db, async (tx) => {
      for (const item of page.items) {
        const existing = await getItemLinkByWebflowId(tx, link.id, item.id)
        const match = existing
          ? undefined
          : await getHubItemBySlug(tx, link.hubCollectionId, item.fieldData.slug)
        if (match && data.firstMatchWinner === 'hub') {
          // The hub's values win: link the pair and let the push overwrite Webflow.
          await recordSynced(tx, link.id, 'pull', [
            {
              hubItemId: match.id,
              webflowItemId: item.id,
              hash: '',
              base: { name: '', slug: '', status: 'draft', fields: {} },
              webflowState: webflowStateOf(item),
              webflowLastUpdated: item.lastUpdated,
              version: match.version,
              stillDirty: true,
            },
          ])
        } else {
          await applyItem(tx, ctx, match ? webflowWins : link, existing, item)
        }
      }
      done += page.items.length
      await updateLink(tx, link.id, { progressDone: done, progressTotal: page.pagination.total })
    })
    if (offset + PAGE >= page.pagination.total || !page.items.length) break
  }
  // Every locale of the linked items comes in beside the primary.
  await pullLocales(ctx, wf, link)
  await inTransaction(ctx.db, async (tx) => {
    // What only the hub has goes to Webflow.
    const added = await linkUnlinkedHubItems(tx, link.id, link.hubCollectionId)
    if (added || (await hasDirty(tx, link.id))) await enqueue(ctx, 'link-push', { linkId: link.id }, { tx })
    else await updateLink(tx, link.id, { state: 'live', lastSyncedAt: new Date() })
  })
  return { items: done }
}
