import { METRIC_RETENTION_DAYS } from '@bindery/shared/api/admin-metrics'
import type { QueuePayload } from '@bindery/shared/queues'
import { pruneResolvedIncidents } from '../db/alert-incidents'
import { pruneSamples } from '../db/metric-samples'
import type { JobContext } from './job-context'

export const queue = 'maintenance-prune'

/** Deletes processed or ignored inbox rows, audit rows, metric samples and resolved incidents past their retention. Idempotent. */
export async function handle(data: QueuePayload<typeof queue>, { db, log }: JobContext) {
  const inbox = await db.query(
    `delete from inbox where status in ('processed', 'ignored') and received_at < now() - make_interval(days => $1)`,
    [data.olderThanDays],
  )
  const audit = await db.query('delete from audit_log where at < now() - make_interval(days => $1)', [
    data.olderThanDays * 3,
  ])
  // The console's charts read a bounded window (shared/api/admin-metrics.ts).
  const samples = await pruneSamples(db, METRIC_RETENTION_DAYS)
  const incidents = await pruneResolvedIncidents(db, data.olderThanDays)
  log.info({ inbox: inbox.rowCount, audit: audit.rowCount, samples, incidents }, 'pruned old rows')
  return { inbox: inbox.rowCount ?? 0, audit: audit.rowCount ?? 0, samples, incidents }
}
