import type { DeadLetter, DeadLetterList, ReplayResult } from '@bindery/shared/api/admin-reliability'
import { DEAD_LETTER_QUEUE } from '@bindery/shared/queues'
import type { Queryable } from '../db/pool'
import { BOSS_SCHEMA, type Boss } from '../jobs/boss'

type Row = {
  id: string
  source_name: string | null
  data: unknown
  source_output: { message?: string } | null
  source_retry_count: number | null
  created_on: Date
}

// Dead letters wait in pg-boss's queue, never worked; a replay moves them back (`redrive`).
const WAITING = `name = '${DEAD_LETTER_QUEUE}' and state in ('created', 'retry')`

/** The newest dead letters first, with the total waiting. */
export async function listDeadLetters(db: Queryable, limit: number): Promise<DeadLetterList> {
  const [items, count] = await Promise.all([
    db.query<Row>(
      `select id, source_name, data, source_output, source_retry_count, created_on
       from ${BOSS_SCHEMA}.job where ${WAITING} order by created_on desc, id limit $1`,
      [limit],
    ),
    db.query<{ n: number }>(`select count(*)::int as n from ${BOSS_SCHEMA}.job where ${WAITING}`),
  ])
  return { total: count.rows[0]!.n, items: items.rows.map(toDeadLetter) }
}

export async function countDeadLetters(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from ${BOSS_SCHEMA}.job where ${WAITING}`,
  )
  return rows[0]!.n
}

/** Whether a dead letter with this id is waiting. */
export async function deadLetterExists(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query(`select 1 from ${BOSS_SCHEMA}.job where ${WAITING} and id = $1`, [id])
  return (rowCount ?? 0) > 0
}

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

function toDeadLetter(r: Row): DeadLetter {
  return {
    id: r.id,
    queue: r.source_name,
    payload: r.data,
    error: r.source_output?.message ?? (r.source_output ? JSON.stringify(r.source_output) : null),
    failedAt: r.created_on.toISOString(),
    attempts: r.source_retry_count === null ? null : r.source_retry_count + 1,
  }
}
