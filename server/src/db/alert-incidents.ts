import type { AlertKind } from '@bindery/shared/api/admin-alerts'
import type { Queryable } from './pool'

/** The `alert_incidents` table: at most one open incident per kind and subject. */
export type Incident = {
  id: string
  kind: AlertKind
  subject: string
  summary: string
  details: Record<string, unknown>
  openedAt: Date
  lastSeenAt: Date
  notifiedAt: Date | null
  resolvedAt: Date | null
}

const COLUMNS = 'id::text, kind, subject, summary, details, opened_at, last_seen_at, notified_at, resolved_at'

type Row = {
  id: string
  kind: AlertKind
  subject: string
  summary: string
  details: Record<string, unknown>
  opened_at: Date
  last_seen_at: Date
  notified_at: Date | null
  resolved_at: Date | null
}

const toIncident = (r: Row): Incident => ({
  id: r.id,
  kind: r.kind,
  subject: r.subject,
  summary: r.summary,
  details: r.details,
  openedAt: r.opened_at,
  lastSeenAt: r.last_seen_at,
  notifiedAt: r.notified_at,
  resolvedAt: r.resolved_at,
})

export async function listOpenIncidents(db: Queryable): Promise<Incident[]> {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from alert_incidents where resolved_at is null order by opened_at`,
  )
  return rows.map(toIncident)
}

/** The newest incidents, open or not. */
export async function listIncidents(db: Queryable, limit: number): Promise<Incident[]> {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from alert_incidents order by opened_at desc, id desc limit $1`,
    [limit],
  )
  return rows.map(toIncident)
}

export async function getIncident(db: Queryable, id: string): Promise<Incident | null> {
  const { rows } = await db.query<Row>(`select ${COLUMNS} from alert_incidents where id = $1`, [id])
  return rows[0] ? toIncident(rows[0]) : null
}

/**
 * Opens an incident unless one of the kind and subject is open already (then null): the partial
 * unique index settles two checks racing.
 */
export async function openIncident(
  db: Queryable,
  i: Pick<Incident, 'kind' | 'subject' | 'summary' | 'details'> & { notified: boolean },
): Promise<Incident | null> {
  const { rows } = await db.query<Row>(
    `insert into alert_incidents (kind, subject, summary, details, notified_at)
     values ($1, $2, $3, $4, case when $5 then now() end)
     on conflict (kind, subject) where resolved_at is null do nothing
     returning ${COLUMNS}`,
    [i.kind, i.subject, i.summary, JSON.stringify(i.details), i.notified],
  )
  return rows[0] ? toIncident(rows[0]) : null
}

/** Still happening: refreshes what it says and when it was last seen. */
export async function touchIncident(db: Queryable, id: string, summary: string, details: unknown) {
  await db.query(
    'update alert_incidents set summary = $2, details = $3, last_seen_at = now() where id = $1',
    [id, summary, JSON.stringify(details)],
  )
}

/** Marks its opened message due; true only for the call that did (one message however many checks). */
export async function markNotified(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'update alert_incidents set notified_at = now() where id = $1 and notified_at is null and resolved_at is null',
    [id],
  )
  return (rowCount ?? 0) > 0
}

/** Resolves it; true only for the call that did. */
export async function resolveIncident(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'update alert_incidents set resolved_at = now() where id = $1 and resolved_at is null',
    [id],
  )
  return (rowCount ?? 0) > 0
}

/** Deletes incidents resolved more than `days` ago; returns how many. */
export async function pruneResolvedIncidents(db: Queryable, days: number): Promise<number> {
  const { rowCount } = await db.query(
    'delete from alert_incidents where resolved_at < now() - make_interval(days => $1)',
    [days],
  )
  return rowCount ?? 0
}
