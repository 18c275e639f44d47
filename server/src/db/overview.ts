import type { Queryable } from './pool'

/**
 * Read model of the support console's overview: one row per site with its counts from the tables
 * that hold them (held_jobs, inbox, delete_holds, conflicts, links, item_links, drift_reports,
 * circuit_breakers), each counted once per table with a group by, not once per site or link, so
 * the page costs the same handful of scans for 1 site or 100.
 */
export type OverviewSiteRow = {
  id: string
  displayName: string
  installationId: string
  paused: boolean
  installationStatus: 'active' | 'revoked'
  /** Webflow refused the installation's token (401/403): only a reinstall helps. */
  tokenRejected: boolean
  webhookHealth: unknown
  breakerState: 'closed' | 'open' | 'half_open' | null
  breakerFailures: number | null
  breakerOpenUntil: Date | null
  breakerLastError: string | null
  heldJobs: number
  pendingWebhooks: number
  heldDeletes: number
  openConflicts: number
  failedItems: number
  links: Record<string, number>
  lastReconcileAt: Date | null
}

export async function overviewSites(db: Queryable): Promise<OverviewSiteRow[]> {
  const { rows } = await db.query<OverviewSiteRow>(
    `with held as (select site_id, count(*)::int n from held_jobs group by site_id),
       inbox_pending as (select site_id, count(*)::int n from inbox where status = 'pending' group by site_id),
       holds as (select site_id, count(*)::int n from delete_holds where status = 'held' group by site_id),
       live_links as (select id, site_id, state from links where disconnected_at is null),
       conflicts_open as (
         select l.site_id, count(*)::int n from conflicts c join live_links l on l.id = c.link_id
         where c.resolved_at is null group by l.site_id),
       failed as (
         select l.site_id, count(*)::int n from item_links il join live_links l on l.id = il.link_id
         where il.sync_state = 'failed' group by l.site_id),
       by_state as (
         select site_id, jsonb_object_agg(state, n) states
         from (select site_id, state, count(*)::int n from live_links group by site_id, state) x group by site_id),
       reconciled as (
         select l.site_id, max(r.at) at from live_links l
         cross join lateral (select started_at at from drift_reports d where d.link_id = l.id
                             order by started_at desc limit 1) r
         group by l.site_id)
     select s.id, s.display_name "displayName", s.installation_id "installationId", s.paused,
       i.status "installationStatus", i.token_rejected_at is not null "tokenRejected", s.webhook_health "webhookHealth",
       cb.state "breakerState", cb.failures "breakerFailures", cb.open_until "breakerOpenUntil",
       cb.last_error "breakerLastError",
       coalesce(held.n, 0) "heldJobs", coalesce(inbox_pending.n, 0) "pendingWebhooks",
       coalesce(holds.n, 0) "heldDeletes", coalesce(conflicts_open.n, 0) "openConflicts",
       coalesce(failed.n, 0) "failedItems", coalesce(by_state.states, '{}') links,
       reconciled.at "lastReconcileAt"
     from sites s
     join installations i on i.id = s.installation_id
     left join circuit_breakers cb on cb.token_key = s.installation_id::text
     left join held on held.site_id = s.id
     left join inbox_pending on inbox_pending.site_id = s.id
     left join holds on holds.site_id = s.id
     left join conflicts_open on conflicts_open.site_id = s.id
     left join failed on failed.site_id = s.id
     left join by_state on by_state.site_id = s.id
     left join reconciled on reconciled.site_id = s.id
     order by s.display_name, s.id`,
  )
  return rows
}

export type OverviewInstallationRow = {
  id: string
  status: 'active' | 'revoked'
  tokenRejected: boolean
  authorizedEmail: string | null
  siteCount: number
  revokedAt: Date | null
}

export async function overviewInstallations(db: Queryable): Promise<OverviewInstallationRow[]> {
  const { rows } = await db.query<OverviewInstallationRow>(
    `select i.id, i.status, i.token_rejected_at is not null "tokenRejected", i.authorized_user->>'email' "authorizedEmail", i.revoked_at "revokedAt",
       (select count(*)::int from sites s where s.installation_id = i.id) "siteCount"
     from installations i order by i.created_at, i.id`,
  )
  return rows
}
