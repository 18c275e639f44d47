import type { QueuePayload } from '@bindery/shared/queues'
import { pruneAudit } from '../db/audit-log'
import * as inbox from '../db/inbox'
import type { JobContext } from './job-context'

export const queue = 'maintenance-prune'

/** Deletes processed or ignored inbox rows and audit rows older than the retention. Idempotent. */
export async function handle(data: QueuePayload<typeof queue>, { db, log }: JobContext) {
  const pruned = {
    inbox: await inbox.prune(db, data.olderThanDays),
    audit: await pruneAudit(db, data.olderThanDays * 3),
  }
  log.info(pruned, 'pruned old rows')
  return pruned
}
