import type { ReplayResult } from '@bindery/shared/api/admin-reliability'
import { DEAD_LETTER_QUEUE } from '@bindery/shared/queues'
import type { Boss } from '../context/boss'
import { countDeadLetters } from '../db/boss-jobs'
import type { Queryable } from '../db/pool'

/**
 * Sends dead letters back to the queues they failed on, fresh (retries counted from zero), and
 * removes them from the dead letters. One whose queue already holds the same work (a stately queue
 * with that key waiting) is left to that job: pg-boss marks it failed in place, counted as skipped.
 */
export async function replayDeadLetters(boss: Boss, db: Queryable, ids?: string[]): Promise<ReplayResult> {
  // Replaying all takes those dead already: one that dies again meanwhile is not retried in a loop.
  const createdBefore = new Date()
  const before = ids ? ids.length : await countDeadLetters(db)
  let replayed = 0
  for (;;) {
    const moved = await boss.redrive(DEAD_LETTER_QUEUE, {
      ...(ids ? { ids } : { createdBefore }),
      limit: 1000,
    })
    replayed += moved
    if (ids || moved === 0 || (await countDeadLetters(db)) === 0) break
  }
  return { replayed, skipped: Math.max(0, before - replayed) }
}
