import type { Queryable } from '../db/pool'

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
