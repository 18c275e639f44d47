import type { ReliabilityStatus } from '@bindery/shared/api/admin-reliability'
import { countDeadLetters } from '../db/boss-jobs'
import { getBreakerState } from '../db/circuit-breakers'
import { countHeldJobs } from '../db/held-jobs'
import * as inbox from '../db/inbox'
import { listLinks } from '../db/links'
import type { Queryable } from '../db/pool'
import { listSites } from '../db/sites'
import { linkSummary } from '../panel/link-summary'

/** Sites (one or all) with their kill switch, breaker, webhook health, held work and links. */
export async function reliabilityStatus(db: Queryable, siteId?: string): Promise<ReliabilityStatus> {
  const sites = (await listSites(db)).filter((s) => !siteId || s.id === siteId)
  const out: ReliabilityStatus['sites'] = []
  for (const site of sites) {
    const [breaker, held, pending, links] = await Promise.all([
      getBreakerState(db, site.installationId),
      countHeldJobs(db, site.id),
      inbox.countPending(db, site.id),
      listLinks(db, site.id),
    ])
    out.push({
      id: site.id,
      displayName: site.displayName,
      installationId: site.installationId,
      paused: site.paused,
      webhookHealth: site.webhookHealth,
      breaker,
      heldJobs: held,
      pendingWebhooks: pending,
      links: await Promise.all(links.map((l) => linkSummary(db, l))),
    })
  }
  return { sites: out, deadLetters: await countDeadLetters(db) }
}
