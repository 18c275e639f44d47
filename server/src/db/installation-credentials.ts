import type { Queryable } from './pool'

/**
 * The credential health of an installation (the `token_rejected_*` columns of `installations`):
 * whether Webflow refused its token with 401/403, which means the workspace revoked Bindery's access
 * and only a reinstall helps (docs/webflow.md "Revoked tokens"; docs/runbooks.md#token-revoked).
 */
export type CredentialState = {
  installationId: string
  needsReinstall: boolean
  rejectedAt: Date | null
  /** The HTTP status Webflow answered (401 or 403). */
  rejectedStatus: number | null
  /** Webflow's error code and message, never the token. */
  rejectedReason: string | null
}

type Row = {
  id: string
  token_rejected_at: Date | null
  token_rejected_status: number | null
  token_rejected_reason: string | null
}

const COLUMNS = 'i.id, i.token_rejected_at, i.token_rejected_status, i.token_rejected_reason'

const toState = (r: Row): CredentialState => ({
  installationId: r.id,
  needsReinstall: r.token_rejected_at !== null,
  rejectedAt: r.token_rejected_at,
  rejectedStatus: r.token_rejected_status,
  rejectedReason: r.token_rejected_reason,
})

/**
 * Marks an installation's token refused. Returns true only for the call that changed it from healthy,
 * so exactly one caller reacts (raises the incident), however many jobs met the refusal at once.
 */
export async function markTokenRejected(
  db: Queryable,
  installationId: string,
  rejection: { status: number; reason: string },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update installations set token_rejected_at = now(), token_rejected_status = $2,
       token_rejected_reason = $3, updated_at = now()
     where id = $1 and token_rejected_at is null`,
    [installationId, rejection.status, rejection.reason.slice(0, 500)],
  )
  return (rowCount ?? 0) > 0
}

/** Clears the mark (a reinstall stored a new token); true when it was set. */
export async function clearTokenRejected(db: Queryable, installationId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `update installations set token_rejected_at = null, token_rejected_status = null,
       token_rejected_reason = null, updated_at = now()
     where id = $1 and token_rejected_at is not null`,
    [installationId],
  )
  return (rowCount ?? 0) > 0
}

export async function credentialState(
  db: Queryable,
  installationId: string,
): Promise<CredentialState | null> {
  const { rows } = await db.query<Row>(`select ${COLUMNS} from installations i where i.id = $1`, [
    installationId,
  ])
  return rows[0] ? toState(rows[0]) : null
}

/** The credential state of the installation serving a site; null for a site Bindery does not know. */
export async function credentialStateForSite(db: Queryable, siteId: string): Promise<CredentialState | null> {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from installations i join sites s on s.installation_id = i.id where s.id = $1`,
    [siteId],
  )
  return rows[0] ? toState(rows[0]) : null
}

/** Every installation whose token Webflow currently refuses, with the sites it serves. */
export async function listRejectedInstallations(
  db: Queryable,
): Promise<(CredentialState & { siteIds: string[] })[]> {
  const { rows } = await db.query<Row & { site_ids: string[] }>(
    `select ${COLUMNS}, coalesce(array_agg(s.id order by s.id) filter (where s.id is not null), '{}') as site_ids
     from installations i left join sites s on s.installation_id = i.id
     where i.token_rejected_at is not null and i.status = 'active'
     group by i.id order by i.token_rejected_at`,
  )
  return rows.map((r) => ({ ...toState(r), siteIds: r.site_ids }))
}
