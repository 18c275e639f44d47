import { METRIC_RETENTION_DAYS } from '@bindery/shared/api/admin-metrics'
import type { QueuePayload } from '@bindery/shared/queues'
import type { AppContext } from '../context/app-context'
import { pruneResolvedIncidents } from '../db/alert-incidents'
import { pruneAudit } from '../db/audit-log'
import * as inbox from '../db/inbox'
import { pruneSamples } from '../db/metric-samples'

export const queue = 'maintenance-prune'

/** Deletes processed or ignored inbox rows, audit rows, metric samples and resolved incidents past their retention. Idempotent. */
export async function handle(data: QueuePayload<typeof queue>, { db, log }: AppContext) {
  const pruned = {
    inbox: await inbox.prune(db, data.olderThanDays),
    audit: await pruneAudit(db, data.olderThanDays * 3),
    // The console's charts read a bounded window (shared/api/admin-metrics.ts).
    samples: await pruneSamples(db, METRIC_RETENTION_DAYS),
    incidents: await pruneResolvedIncidents(db, data.olderThanDays),
  }
  log.info(pruned, 'pruned old rows')
  return pruned
}
