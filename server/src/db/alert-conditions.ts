import { DEAD_LETTER_QUEUE } from '@bindery/shared/queues'
import type { Queryable } from './pool'

/**
 * What the alert check looks at besides the credential state (installation-credentials.ts), read
 * from the tables that hold it. Each part is small: one row per site, token, link or open hold.
 */
export type AlertFacts = {
  /** Sites whose last webhook check left webhooks missing (it repairs what it can first). */
  webhooksBroken: { siteId: string; displayName: string; missing: string[]; error: string | null }[]
  deadLetters: number
  /** Breakers not closed, by token key (an installation id). */
  openCircuits: { tokenKey: string; state: string; lastError: string | null }[]
  /** Active links whose latest finished reconcile found at least `driftItems` differing items. */
  drifted: { linkId: string; siteId: string; found: number; reportId: string }[]
  /** Sites with deletes waiting for a person. */
  heldDeletes: { siteId: string; holds: number; items: number }[]
}

export async function readAlertFacts(db: Queryable, o: { driftItems: number }): Promise<AlertFacts> {
  // One after another: `db` may be a transaction's client, which runs one query at a time.
  const webhooks = await db.query<{
    id: string
    display_name: string
    missing: string[] | null
    error: string | null
  }>(
    `select s.id, s.display_name, array(select jsonb_array_elements_text(s.webhook_health->'missing')) as missing,
         s.webhook_health->>'error' as error
       from sites s join installations i on i.id = s.installation_id
       where i.status = 'active' and (s.webhook_health->>'ok')::boolean is false
       order by s.id`,
  )
  const dead = await db.query<{ n: number }>(
    `select count(*)::int as n from pgboss.job where name = $1 and state < 'active'`,
    [DEAD_LETTER_QUEUE],
  )
  const circuits = await db.query<{ token_key: string; state: string; last_error: string | null }>(
    `select token_key, state, last_error from circuit_breakers where state <> 'closed' order by token_key`,
  )
  const drift = await db.query<{ link_id: string; site_id: string; found: number; id: string }>(
    `select * from (
         select distinct on (r.link_id) r.link_id, r.site_id, r.id::text,
           (select coalesce(sum(v::int), 0) from jsonb_each_text(r.found) as f(k, v))::int as found
         from drift_reports r join links l on l.id = r.link_id and l.disconnected_at is null
         where r.status = 'done' order by r.link_id, r.started_at desc) latest
       where found >= $1 order by link_id`,
    [o.driftItems],
  )
  const holds = await db.query<{ site_id: string; holds: number; items: number }>(
    `select site_id, count(*)::int as holds, sum(jsonb_array_length(items))::int as items
       from delete_holds where status = 'held' group by site_id order by site_id`,
  )
  return {
    webhooksBroken: webhooks.rows.map((r) => ({
      siteId: r.id,
      displayName: r.display_name,
      missing: r.missing ?? [],
      error: r.error,
    })),
    deadLetters: dead.rows[0]!.n,
    openCircuits: circuits.rows.map((r) => ({
      tokenKey: r.token_key,
      state: r.state,
      lastError: r.last_error,
    })),
    drifted: drift.rows.map((r) => ({
      linkId: r.link_id,
      siteId: r.site_id,
      found: r.found,
      reportId: r.id,
    })),
    heldDeletes: holds.rows.map((r) => ({ siteId: r.site_id, holds: r.holds, items: r.items })),
  }
}
