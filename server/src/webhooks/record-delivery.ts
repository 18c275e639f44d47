import type { Queryable } from '../db/pool'

export const INBOX_CHANNEL = 'bindery_inbox'

export type RecordOutcome = 'accepted' | 'ignored' | 'duplicate'

/**
 * Stores a verified delivery in one autocommitted statement: the pending inbox row is the outbox,
 * and `pg_notify` (delivered only when the row commits) wakes the workers instead of one pg-boss
 * send per request. A known dedupe key changes nothing; a site Bindery does not serve is recorded
 * as ignored. `body` is the raw JSON text, so nothing is re-serialised.
 */
export async function recordDelivery(
  db: Queryable,
  d: { dedupeKey: string; triggerType: string; siteId: string; body: string },
): Promise<RecordOutcome> {
  const { rows } = await db.query<{ status: string }>(
    `with ins as (
       insert into inbox (dedupe_key, trigger_type, site_id, status, payload)
       select $1, $2, $3, case when exists (select 1 from sites where id = $3) then 'pending' else 'ignored' end,
              $4::jsonb
       on conflict (dedupe_key) do nothing
       returning status
     )
     select status, case when status = 'pending' then pg_notify('${INBOX_CHANNEL}', '') end from ins`,
    [d.dedupeKey, d.triggerType, d.siteId, d.body],
  )
  const status = rows[0]?.status
  return status === undefined ? 'duplicate' : status === 'pending' ? 'accepted' : 'ignored'
}
