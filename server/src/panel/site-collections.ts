import type { SiteCollections, WebflowCollectionSummary } from '@bindery/shared/api/links'
import { hubTypeOf } from '@bindery/shared/hub'
import { listSiteCollections } from '../db/hub-collections'
import { countLiveItems } from '../db/hub-items'
import { listLinks } from '../db/links'
import type { Queryable } from '../db/pool'
import { unsupportedReason } from '../sync/field-plan'
import type { WebflowApi } from '../webflow/webflow-client'
import { linkSummary } from './link-summary'

/** Hub and Webflow collections of a site, with their links. Webflow's schemas cost one call each. */
export async function siteCollections(
  db: Queryable,
  wf: WebflowApi,
  siteId: string,
): Promise<SiteCollections> {
  const [hub, links, list] = await Promise.all([
    listSiteCollections(db, siteId),
    listLinks(db, siteId),
    wf.listCollections(siteId),
  ])
  const counts = await countLiveItems(
    db,
    hub.map((c) => c.id),
  )
  const webflow: WebflowCollectionSummary[] = []
  for (const summary of list.collections) {
    const c = await wf.getCollection(summary.id)
    webflow.push({
      id: c.id,
      slug: c.slug ?? '',
      displayName: c.displayName,
      fields: c.fields.map((f) => {
        const reason = unsupportedReason(f)
        return {
          id: f.id,
          slug: f.slug,
          displayName: f.displayName,
          type: f.type,
          hubType: hubTypeOf(f.type) ?? null,
          ...(reason ? { unsupportedReason: reason } : {}),
        }
      }),
    })
  }
  return {
    hub: hub.map((c) => ({
      id: c.id,
      slug: c.slug,
      name: c.name,
      itemCount: counts.get(c.id) ?? 0,
      fields: c.fields.map((f) => ({ slug: f.slug, name: f.name, type: f.type })),
    })),
    webflow,
    links: await Promise.all(links.map((l) => linkSummary(db, l))),
  }
}
