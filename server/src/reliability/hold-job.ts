import type { QueueName } from '@bindery/shared/queues'
import type { Queryable, Tx } from '../db/pool'
import type { Boss } from '../jobs/boss'
import { txAdapter } from '../sync/mark-dirty'

/**
 * Records a job that met its site's kill switch, so resuming the site sends it again. The job itself
 * completes: held work is not a failure and must not use up retries or reach the dead letters.
 */
export async function holdJob(db: Queryable, siteId: string, queue: QueueName, data: unknown) {
  await db.query(
    `insert into held_jobs (site_id, queue, data) values ($1, $2, $3)
     on conflict (site_id, queue, data) do nothing`,
    [siteId, queue, JSON.stringify(data ?? {})],
  )
}

/** Sends a resumed site's held jobs again, in the caller's transaction; returns how many. */
export async function releaseHeldJobs(tx: Tx, boss: Boss, siteId: string): Promise<number> {
  const { rows } = await tx.query<{ queue: QueueName; data: Record<string, unknown> }>(
    'delete from held_jobs where site_id = $1 returning queue, data',
    [siteId],
  )
  for (const { queue, data } of rows) {
    // The same key the original sender used, so a job already queued again absorbs this one.
    const key =
      typeof data.linkId === 'string'
        ? data.linkId
        : typeof data.siteId === 'string'
          ? data.siteId
          : undefined
    await boss.send(queue, data, { ...(key ? { singletonKey: key } : {}), db: txAdapter(tx) })
  }
  return rows.length
}
