import { takeHeldJobs } from '../db/held-jobs'
import type { Tx } from '../db/pool'
import { txAdapter } from '../db/pool'
import type { Boss } from '../jobs/boss'

/** Sends a resumed site's held jobs again, in the caller's transaction; returns how many. */
export async function releaseHeldJobs(tx: Tx, boss: Boss, siteId: string): Promise<number> {
  const rows = await takeHeldJobs(tx, siteId)
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
