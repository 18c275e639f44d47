import type { Queryable } from '../db/pool'

export type ContentAuditEntry = {
  /** e.g. `item.create`, `item.publish`, `collection.update`. */
  action: string
  siteId: string
  subjectType: 'hub_item' | 'hub_collection'
  subjectId: string
  before: unknown
  after: unknown
}

/** Audit rows of content-API writes, one statement however many (a bulk upsert writes up to 1,000). */
export async function writeContentAudit(db: Queryable, correlationId: string, entries: ContentAuditEntry[]) {
  if (!entries.length) return
  await db.query(
    `insert into audit_log (direction, action, site_id, subject_type, subject_id, before, after, correlation_id)
     select 'content', e.action, e.site_id, e.subject_type, e.subject_id, e.before, e.after, $2
     from jsonb_to_recordset($1::jsonb)
       as e(action text, site_id text, subject_type text, subject_id text, before jsonb, after jsonb)`,
    [
      JSON.stringify(
        entries.map((e) => ({
          action: e.action,
          site_id: e.siteId,
          subject_type: e.subjectType,
          subject_id: e.subjectId,
          before: e.before ?? null,
          after: e.after ?? null,
        })),
      ),
      correlationId,
    ],
  )
}
