import { DEAD_LETTER_QUEUE } from '@bindery/shared/queues'
import type { Queryable } from './pool'

const BOSS_SCHEMA = 'pgboss'

/** Global state the metrics report, read in one round trip (GET /metrics, the minute sampler). */
export type OperatingGauges = {
  /** Jobs waiting per queue (created or waiting for a retry); dead letters apart. */
  queueDepth: Record<string, number>
  inboxPending: number
  deadLetters: number
  /** Every breaker with whether it is open (or half-open), by token key. */
  circuits: { tokenKey: string; open: boolean }[]
  /** Every site with its kill switch. */
  sites: { id: string; paused: boolean }[]
  /** Installations whose token Webflow refuses. */
  tokensRejected: string[]
}

/**
 * Each part reads an index or a small table: pg-boss's job_i11 covers `state < 'active'`, the inbox
 * has a partial index on pending rows, sites and breakers hold one row per site or token.
 */
export async function readOperatingGauges(db: Queryable): Promise<OperatingGauges> {
  const { rows } = await db.query<{
    queues: Record<string, number> | null
    inbox_pending: number
    dead_letters: number
    circuits: { tokenKey: string; open: boolean }[] | null
    sites: { id: string; paused: boolean }[] | null
    rejected: string[] | null
  }>(
    `select
       (select json_object_agg(name, n) from (
          select name, count(*)::int as n from ${BOSS_SCHEMA}.job
          where state < 'active' and name <> $1 group by name) q) as queues,
       (select count(*)::int from inbox where status = 'pending') as inbox_pending,
       (select count(*)::int from ${BOSS_SCHEMA}.job where name = $1 and state < 'active') as dead_letters,
       (select json_agg(json_build_object('tokenKey', token_key, 'open', state <> 'closed'))
          from circuit_breakers) as circuits,
       (select json_agg(json_build_object('id', id, 'paused', paused)) from sites) as sites,
       (select json_agg(id) from installations
          where token_rejected_at is not null and status = 'active') as rejected`,
    [DEAD_LETTER_QUEUE],
  )
  const r = rows[0]!
  return {
    queueDepth: r.queues ?? {},
    inboxPending: r.inbox_pending,
    deadLetters: r.dead_letters,
    circuits: r.circuits ?? [],
    sites: r.sites ?? [],
    tokensRejected: r.rejected ?? [],
  }
}
