import type { DeadLetter, DeadLetterList } from '@bindery/shared/api/admin-reliability'
import { DEAD_LETTER_QUEUE } from '@bindery/shared/queues'
import type { Queryable } from './pool'

/**
 * pg-boss's own tables, read (never written) by Bindery: the dead letters waiting in its job table,
 * and its schema's presence for the readiness check. pg-boss writes them through its API.
 */
export const BOSS_SCHEMA = 'pgboss'

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

/** pg-boss's schema answers (through pg-boss's own connection: `boss.getDb()`). */
export async function probeBossSchema(bossDb: { executeSql: (text: string) => Promise<unknown> }) {
  await bossDb.executeSql(`select 1 from ${BOSS_SCHEMA}.version`)
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
