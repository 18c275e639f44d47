import type { QueueName } from '@bindery/shared/queues'
import type { Boss } from '../context/boss'
import { enqueue } from '../context/enqueue'
import { takeHeldJobs } from '../db/held-jobs'
import type { Tx } from '../db/pool'

/** Sends a resumed site's held jobs again, in the caller's transaction; returns how many. */
export async function releaseHeldJobs(tx: Tx, boss: Boss, siteId: string): Promise<number> {
  const rows = await takeHeldJobs(tx, siteId)
  for (const { queue, data } of rows) {
    // The queue's singleton key, as every sender uses it: a job already queued again absorbs this one.
    await enqueue({ boss }, queue as QueueName, data as never, { tx })
  }
  return rows.length
}
