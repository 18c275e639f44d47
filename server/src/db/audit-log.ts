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
