import type { Queryable } from './pool'

export type AuditEntry = {
  direction: 'push' | 'pull' | 'admin' | 'system' | 'content'
  action: string
  siteId?: string | null
  subjectType: string
  subjectId: string
  before?: unknown
  after?: unknown
  correlationId?: string | null
  /**
   * Who: `designer:<name>`, `api-key:<name>`, `admin` or `bindery` (see plugins/actor.ts). Push, pull and
   * system rows default to `bindery`.
   */
  actor?: string | null
}

/** Appends audit entries in one statement, however many there are. */
export async function appendAudit(db: Queryable, entries: AuditEntry[]) {
  if (!entries.length) return
  await db.query(
    `insert into audit_log (direction, action, site_id, subject_type, subject_id, before, after, correlation_id, actor)
     select direction, action, site_id, subject_type, subject_id, before, after, correlation_id, actor
     from jsonb_to_recordset($1::jsonb) as x(direction text, action text, site_id text, subject_type text,
       subject_id text, before jsonb, after jsonb, correlation_id text, actor text)`,
    [
      JSON.stringify(
        entries.map((e) => ({
          direction: e.direction,
          action: e.action,
          site_id: e.siteId ?? null,
          subject_type: e.subjectType,
          subject_id: e.subjectId,
          before: e.before ?? null,
          after: e.after ?? null,
          correlation_id: e.correlationId ?? null,
          actor: e.actor ?? (e.direction === 'admin' || e.direction === 'content' ? null : 'bindery'),
        })),
      ),
    ],
  )
}

/** One audit row as the history views show it; `id` doubles as the pagination cursor. */
export type AuditRow = {
  id: string
  at: Date
  direction: AuditEntry['direction']
  action: string
  siteId: string | null
  subjectType: string
  subjectId: string
  before: unknown
  after: unknown
  correlationId: string | null
  actor: string | null
}

export type ItemHistoryQuery = {
  /** Rows written about the hub side (subject_type 'hub_item'). */
  hubItemId?: string | null
  /** Rows written about the Webflow side (subject_type 'webflow_item'). */
  webflowItemId?: string | null
  siteId?: string | null
  /** Cursor: only rows older than this id (the `nextBefore` of the previous page). */
  before?: string | null
  limit: number
}

// biome-ignore lint/suspicious/noExplicitAny: a raw row from pg
function toAuditRow(r: any): AuditRow {
  return {
    id: String(r.id),
    at: r.at,
    direction: r.direction,
    action: r.action,
    siteId: r.site_id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    before: r.before,
    after: r.after,
    correlationId: r.correlation_id,
    actor: r.actor ?? null,
  }
}

/**
 * An item's history, newest first, one page at a time (keyset on id, so page 500 costs what page 1
 * does). An item is written about under its hub id and under its Webflow id; each side is read
 * through audit_log_item_history_idx (subject_type, subject_id, id) with its own limit and the two
 * are merged, which stays an index walk on a log of millions of rows.
 */
export async function listItemHistory(
  db: Queryable,
  q: ItemHistoryQuery,
): Promise<{ entries: AuditRow[]; nextBefore: string | null }> {
  const side = (n: number) =>
    `(select id, at, direction, action, site_id, subject_type, subject_id, before, after, correlation_id, actor
      from audit_log
      where subject_type = ${n === 1 ? `'hub_item'` : `'webflow_item'`} and subject_id = $${n}
        and ($3::text is null or site_id = $3) and ($4::bigint is null or id < $4)
      order by id desc limit $5)`
  const { rows } = await db.query(
    `select * from (${side(1)} union all ${side(2)}) h order by id desc limit $5`,
    [q.hubItemId ?? null, q.webflowItemId ?? null, q.siteId ?? null, q.before ?? null, q.limit + 1],
  )
  const entries = rows.slice(0, q.limit).map(toAuditRow)
  return { entries, nextBefore: rows.length > q.limit ? entries[entries.length - 1]!.id : null }
}

/** One install-side audit entry (installs, rotations, uninstalls). Never carries a secret. */
export async function auditInstall(
  db: Queryable,
  e: {
    direction: 'admin' | 'system'
    action: string
    installationId: string
    siteId?: string
    before?: unknown
    after?: unknown
  },
) {
  await db.query(
    `insert into audit_log (direction, action, site_id, subject_type, subject_id, before, after)
     values ($1, $2, $3, 'installation', $4, $5, $6)`,
    [e.direction, e.action, e.siteId ?? null, e.installationId, e.before ?? null, e.after ?? null],
  )
}

/** Deletes audit rows older than the retention; returns how many went. */
export async function pruneAudit(db: Queryable, olderThanDays: number): Promise<number> {
  const r = await db.query('delete from audit_log where at < now() - make_interval(days => $1)', [
    olderThanDays,
  ])
  return r.rowCount ?? 0
}

const ROW = `id, at, direction, action, site_id, subject_type, subject_id, before, after, correlation_id, actor`

/** One audit row by id, if it is about this subject. */
export async function getAuditRow(
  db: Queryable,
  id: string,
  subject: { type: string; id: string },
): Promise<AuditRow | undefined> {
  const { rows } = await db.query(
    `select ${ROW} from audit_log where id = $1 and subject_type = $2 and subject_id = $3`,
    [id, subject.type, subject.id],
  )
  return rows[0] && toAuditRow(rows[0])
}

/** Audit actions that write a hub item's state (what a point-in-time restore reads back). */
export const ITEM_STATE_ACTIONS = [
  'item.create',
  'item.update',
  'item.publish',
  'item.unpublish',
  'item.archive',
  'item.delete',
  'item.restore',
  'item.restore_version',
  'hold.restore',
  'hub.create',
  'hub.update',
  'hub.archive',
  'hub.delete',
  'conflict.resolve',
]

/** The last state-writing row of each hub item at or before `at` (items with none are absent). */
export async function itemStatesAt(
  db: Queryable,
  hubItemIds: string[],
  at: Date,
): Promise<Map<string, AuditRow>> {
  if (!hubItemIds.length) return new Map()
  const { rows } = await db.query(
    `select distinct on (subject_id) ${ROW} from audit_log
     where subject_type = 'hub_item' and subject_id = any($1::text[]) and at <= $2 and action = any($3::text[])
     order by subject_id, id desc`,
    [hubItemIds, at, ITEM_STATE_ACTIONS],
  )
  return new Map(rows.map((r) => [r.subject_id as string, toAuditRow(r)]))
}
