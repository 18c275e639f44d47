import type { QueuePayload } from '@bindery/shared/queues'
import type { JobContext } from './job-context'

export const queue = 'maintenance-prune'

/** Deletes processed or ignored inbox rows and audit rows older than the retention. Idempotent. */
export async function handle(data: QueuePayload<typeof queue>, { db, log }: JobContext) {
  const inbox = await db.query(
    `delete from inbox where status in ('processed', 'ignored') and received_at < now() - make_interval(days => $1)`,
    [data.olderThanDays],
  )
  const audit = await db.query('delete from audit_log where at < now() - make_interval(days => $1)', [
    data.olderThanDays * 3,
  ])
  log.info({ inbox: inbox.rowCount, audit: audit.rowCount }, 'pruned old rows')
  return { inbox: inbox.rowCount ?? 0, audit: audit.rowCount ?? 0 }
}
