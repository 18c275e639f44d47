import type { LinkSummary } from '@bindery/shared/api/links'
import { localeStates } from '../db/item-link-locales'
import type { Link } from '../db/links'
import type { Queryable } from '../db/pool'
import { listSiteLocales } from '../db/site-locales'

/** The site's locales as a link's summary shows them: synced or not, versions waiting for a push. */
export async function linkLocales(db: Queryable, link: Link): Promise<NonNullable<LinkSummary['locales']>> {
  const site = await listSiteLocales(db, link.siteId)
  if (!site.length) return []
  const rows = await localeStates(
    db,
    link.id,
    link.hubCollectionId,
    site.map((l) => l.tag),
  )
  const byTag = new Map(rows.map((r) => [r.tag, r]))
  return site.map((l) => ({
    tag: l.tag,
    displayName: l.displayName,
    primary: l.isPrimary,
    synced: l.isPrimary || !!byTag.get(l.tag)?.enabled,
    pending: byTag.get(l.tag)?.pending ?? 0,
  }))
}
