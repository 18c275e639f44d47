import type { WebhookHealth } from '@bindery/shared/api/site'
import type { Queryable } from './pool'

/** The `sites` table: Webflow sites Bindery serves, their kill switch and webhook health. */
export type SiteRow = {
  id: string
  installationId: string
  workspaceId: string | null
  displayName: string
  shortName: string | null
  paused: boolean
  webhookHealth: WebhookHealth | null
  webhooksCheckedAt: Date | null
}

const COLUMNS = `id, installation_id as "installationId", workspace_id as "workspaceId",
  display_name as "displayName", short_name as "shortName", paused, webhook_health as "webhookHealth",
  webhooks_checked_at as "webhooksCheckedAt"`

export async function getSite(db: Queryable, id: string): Promise<SiteRow | null> {
  const { rows } = await db.query<SiteRow>(`select ${COLUMNS} from sites where id = $1`, [id])
  return rows[0] ?? null
}

export async function listSites(db: Queryable): Promise<SiteRow[]> {
  const { rows } = await db.query<SiteRow>(`select ${COLUMNS} from sites order by display_name, id`)
  return rows
}

/** Sites whose webhooks the scheduled check looks after: not paused, installation active. */
export async function listCheckableSites(db: Queryable): Promise<SiteRow[]> {
  const { rows } = await db.query<SiteRow>(
    `select ${COLUMNS.replace(/^id,/, 's.id,')} from sites s join installations i on i.id = s.installation_id
     where not s.paused and i.status = 'active' order by s.id`,
  )
  return rows
}

/**
 * Records a site discovered under an installation. A re-install never resumes a paused site (an
 * operator's kill switch, or the uninstall's): only an explicit resume does.
 */
export async function upsertSite(
  tx: Queryable,
  s: { id: string; installationId: string; workspaceId: string; displayName: string; shortName: string },
) {
  await tx.query(
    `insert into sites (id, installation_id, workspace_id, display_name, short_name)
     values ($1, $2, $3, $4, $5)
     on conflict (id) do update set installation_id = $2, workspace_id = $3, display_name = $4,
       short_name = $5, updated_at = now()`,
    [s.id, s.installationId, s.workspaceId, s.displayName, s.shortName],
  )
}

export async function setWebhookHealth(db: Queryable, siteId: string, health: WebhookHealth) {
  await db.query(
    'update sites set webhook_health = $2, webhooks_checked_at = now(), updated_at = now() where id = $1',
    [siteId, health],
  )
}

export async function pauseSitesOf(tx: Queryable, installationId: string): Promise<number> {
  const r = await tx.query('update sites set paused = true, updated_at = now() where installation_id = $1', [
    installationId,
  ])
  return r.rowCount ?? 0
}

/**
 * The session epoch of a site with an active installation, or null (unknown site, or uninstalled):
 * a designer session is valid only while its epoch equals this.
 */
export async function sessionEpochOf(db: Queryable, siteId: string): Promise<number | null> {
  const { rows } = await db.query<{ epoch: number }>(
    `select s.session_epoch as epoch from sites s join installations i on i.id = s.installation_id
     where s.id = $1 and i.status = 'active'`,
    [siteId],
  )
  return rows[0]?.epoch ?? null
}

/** Ends every designer session of the sites (their epoch moves on). */
export async function endSessionsOf(tx: Queryable, siteIds: string[]): Promise<void> {
  await tx.query(
    'update sites set session_epoch = session_epoch + 1, updated_at = now() where id = any($1::text[])',
    [siteIds],
  )
}

export async function siteIdsOfInstallation(db: Queryable, installationId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('select id from sites where installation_id = $1', [
    installationId,
  ])
  return rows.map((r) => r.id)
}

/** Claims a publish of the site for the spacing between publishes (before the call is made). */
export async function markSitePublished(db: Queryable, siteId: string) {
  await db.query('update sites set last_published_at = now() where id = $1', [siteId])
}

/** Seconds until the site may be published again (`spacing` after the last); null for no such site. */
export async function secondsUntilPublishAllowed(
  db: Queryable,
  siteId: string,
  spacing: number,
): Promise<number | null> {
  const { rows } = await db.query<{ wait: number }>(
    `select coalesce(extract(epoch from last_published_at + make_interval(secs => $2) - now()), 0)::float8 as wait
     from sites where id = $1`,
    [siteId, spacing],
  )
  return rows[0] ? Math.max(0, rows[0].wait) : null
}

/** Locks the site's row for a kill-switch change; its current `paused`, or null for no such site. */
export async function lockSitePaused(tx: Queryable, siteId: string): Promise<boolean | null> {
  const { rows } = await tx.query<{ paused: boolean }>('select paused from sites where id = $1 for update', [
    siteId,
  ])
  return rows[0] ? rows[0].paused : null
}

export async function setSitePausedFlag(tx: Queryable, siteId: string, paused: boolean) {
  await tx.query('update sites set paused = $2, updated_at = now() where id = $1', [siteId, paused])
}
