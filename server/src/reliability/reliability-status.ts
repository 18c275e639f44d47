import type { BreakerState, ReliabilityStatus } from '@bindery/shared/api/admin-reliability'
import { listLinks } from '../db/links'
import type { Queryable } from '../db/pool'
import { listSites } from '../db/sites'
import { linkSummary } from '../panel/link-summary'
import { countDeadLetters } from './dead-letters'

/** Sites (one or all) with their kill switch, breaker, webhook health, held work and links. */
export async function reliabilityStatus(db: Queryable, siteId?: string): Promise<ReliabilityStatus> {
  const sites = (await listSites(db)).filter((s) => !siteId || s.id === siteId)
  const out: ReliabilityStatus['sites'] = []
  for (const site of sites) {
    const [breaker, held, inbox, links] = await Promise.all([
      breakerOf(db, site.installationId),
      db.query<{ n: number }>('select count(*)::int as n from held_jobs where site_id = $1', [site.id]),
      db.query<{ n: number }>(
        `select count(*)::int as n from inbox where site_id = $1 and status = 'pending'`,
        [site.id],
      ),
      listLinks(db, site.id),
    ])
    out.push({
      id: site.id,
      displayName: site.displayName,
      installationId: site.installationId,
      paused: site.paused,
      webhookHealth: site.webhookHealth,
      breaker,
      heldJobs: held.rows[0]!.n,
      pendingWebhooks: inbox.rows[0]!.n,
      links: await Promise.all(links.map((l) => linkSummary(db, l))),
    })
  }
  return { sites: out, deadLetters: await countDeadLetters(db) }
}

async function breakerOf(db: Queryable, tokenKey: string): Promise<BreakerState> {
  const { rows } = await db.query<{
    state: BreakerState['state']
    failures: number
    open_until: Date | null
    last_error: string | null
  }>('select state, failures, open_until, last_error from circuit_breakers where token_key = $1', [tokenKey])
  const r = rows[0]
  return {
    state: r?.state ?? 'closed',
    failures: r?.failures ?? 0,
    openUntil: r?.open_until?.toISOString() ?? null,
    lastError: r?.last_error ?? null,
  }
}
