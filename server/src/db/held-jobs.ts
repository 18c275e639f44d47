import type { QueueName } from '@bindery/shared/queues'
import type { Queryable } from './pool'

/** The `held_jobs` table: jobs that met their site's kill switch, sent again when the site resumes. */

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

/** Removes and returns a site's held jobs (in the caller's transaction, which sends them again). */
export async function takeHeldJobs(
  tx: Queryable,
  siteId: string,
): Promise<{ queue: QueueName; data: Record<string, unknown> }[]> {
  const { rows } = await tx.query<{ queue: QueueName; data: Record<string, unknown> }>(
    'delete from held_jobs where site_id = $1 returning queue, data',
    [siteId],
  )
  return rows
}

export async function countHeldJobs(db: Queryable, siteId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'select count(*)::int as n from held_jobs where site_id = $1',
    [siteId],
  )
  return rows[0]!.n
}
