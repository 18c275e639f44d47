import { appendAudit } from '../db/audit-log'
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

/** Audit rows of content-API writes (direction `content`), one statement for a whole bulk upsert. */
export async function writeContentAudit(
  db: Queryable,
  correlationId: string,
  entries: ContentAuditEntry[],
  /** Who (`api-key:<name>`, see plugins/actor.ts). */
  actor?: string,
) {
  await appendAudit(
    db,
    entries.map((e) => ({ ...e, direction: 'content' as const, correlationId, actor: actor ?? null })),
  )
}
