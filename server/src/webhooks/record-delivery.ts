import { type Db, inTransaction } from '../db/pool'

export const INBOX_CHANNEL = 'bindery_inbox'

export type RecordOutcome = 'accepted' | 'ignored' | 'duplicate'
export type DeliveryRow = { dedupeKey: string; triggerType: string; siteId: string; body: string }

/**
 * Stores verified deliveries, many per transaction: one multi-row INSERT ... ON CONFLICT DO NOTHING
 * and, when any row is pending, one `pg_notify` in the same transaction (delivered only when the
 * rows commit). The pending inbox row is the outbox, so nothing is sent to pg-boss per request.
 * A site Bindery does not serve is recorded as ignored. `body` is the raw JSON text: nothing is
 * re-serialised. Returns one outcome per input row, in order.
 */
export async function recordDeliveries(db: Db, rows: DeliveryRow[]): Promise<RecordOutcome[]> {
  return inTransaction(db, async (tx) => {
    const { rows: inserted } = await tx.query<{ dedupe_key: string; status: string }>(
      `insert into inbox (dedupe_key, trigger_type, site_id, status, payload)
       select i.dedupe_key, i.trigger_type, i.site_id,
              case when s.id is null then 'ignored' else 'pending' end, i.body::jsonb
       from unnest($1::text[], $2::text[], $3::text[], $4::text[]) with ordinality
            as i(dedupe_key, trigger_type, site_id, body, ord)
       left join sites s on s.id = i.site_id
       order by i.ord
       on conflict (dedupe_key) do nothing
       returning dedupe_key, status`,
      [
        rows.map((r) => r.dedupeKey),
        rows.map((r) => r.triggerType),
        rows.map((r) => r.siteId),
        rows.map((r) => r.body),
      ],
    )
    if (inserted.some((r) => r.status === 'pending'))
      await tx.query(`select pg_notify('${INBOX_CHANNEL}', '')`)
    const fresh = new Map(inserted.map((r) => [r.dedupe_key, r.status]))
    // The first row with a new key was stored; later rows with the same key are duplicates.
    return rows.map((r) => {
      const status = fresh.get(r.dedupeKey)
      fresh.delete(r.dedupeKey)
      return status === undefined ? 'duplicate' : status === 'pending' ? 'accepted' : 'ignored'
    })
  })
}
