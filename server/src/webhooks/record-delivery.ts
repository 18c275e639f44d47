import * as inbox from '../db/inbox'
import { type Db, inTransaction } from '../db/pool'

export type RecordOutcome = 'accepted' | 'ignored' | 'duplicate'
export type DeliveryRow = inbox.NewDelivery

/**
 * Stores verified deliveries, many per transaction (`inbox.record`: one multi-row insert and, when
 * any row is pending, one `pg_notify` delivered only when the rows commit). The pending inbox row is
 * the outbox, so nothing is sent to pg-boss per request. Returns one outcome per input row, in order.
 */
export async function recordDeliveries(db: Db, rows: DeliveryRow[]): Promise<RecordOutcome[]> {
  const inserted = await inTransaction(db, (tx) => inbox.record(tx, rows))
  const fresh = new Map(inserted.map((r) => [r.dedupeKey, r.status]))
  // The first row with a new key was stored; later rows with the same key are duplicates.
  return rows.map((r) => {
    const status = fresh.get(r.dedupeKey)
    fresh.delete(r.dedupeKey)
    return status === undefined ? 'duplicate' : status === 'pending' ? 'accepted' : 'ignored'
  })
}
