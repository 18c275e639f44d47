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
}

/** Appends audit entries in one statement, however many there are. */
export async function appendAudit(db: Queryable, entries: AuditEntry[]) {
  if (!entries.length) return
  await db.query(
    `insert into audit_log (direction, action, site_id, subject_type, subject_id, before, after, correlation_id)
     select direction, action, site_id, subject_type, subject_id, before, after, correlation_id
     from jsonb_to_recordset($1::jsonb) as x(direction text, action text, site_id text, subject_type text,
       subject_id text, before jsonb, after jsonb, correlation_id text)`,
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
        })),
      ),
    ],
  )
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
