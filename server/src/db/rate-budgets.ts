import type { Queryable } from './pool'

/** Webflow's lowest plan limit: what the rate gate assumes until a token's own limit is known. */
const DEFAULT_PER_MINUTE = 60

/**
 * The requests per minute of the token serving a site: the rate gate's row for its installation
 * (corrected from Webflow's headers), else the introspected limit, else the lowest plan's.
 */
export async function budgetOfSite(db: Queryable, siteId: string): Promise<number> {
  const { rows } = await db.query<{ per_minute: number | null }>(
    `select coalesce(b.rate_limit, i.rate_limit) as per_minute
     from sites s join installations i on i.id = s.installation_id
       left join rate_budgets b on b.token_key = i.id::text
     where s.id = $1`,
    [siteId],
  )
  return rows[0]?.per_minute ?? DEFAULT_PER_MINUTE
}

/** Items waiting for a push on the other links the same token serves, per link. */
export async function pendingOnToken(db: Queryable, siteId: string, exceptLinkId: string | null) {
  const { rows } = await db.query<{ link_id: string; n: number }>(
    `select il.link_id, count(*)::int as n
     from item_links il join links l on l.id = il.link_id join sites s on s.id = l.site_id
     where s.installation_id = (select installation_id from sites where id = $1)
       and l.disconnected_at is null and l.direction <> 'pull-only' and l.state <> 'paused'
       and il.dirty and il.sync_state not in ('conflict', 'failed')
       and ($2::uuid is null or l.id <> $2)
     group by il.link_id`,
    [siteId, exceptLinkId],
  )
  return rows.map((r) => r.n)
}
