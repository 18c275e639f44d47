import type { Queryable } from './pool'

/** The `site_managers` table: who may create and revoke a site's content API keys. */
export type SiteManager = {
  siteId: string
  userId: string
  email: string | null
  addedBy: string
  createdAt: Date
}

const COLUMNS = `site_id as "siteId", user_id as "userId", email, added_by as "addedBy", created_at as "createdAt"`

export async function isSiteManager(db: Queryable, siteId: string, userId: string): Promise<boolean> {
  const { rowCount } = await db.query('select 1 from site_managers where site_id = $1 and user_id = $2', [
    siteId,
    userId,
  ])
  return (rowCount ?? 0) > 0
}

export async function listSiteManagers(db: Queryable, siteId: string): Promise<SiteManager[]> {
  const { rows } = await db.query<SiteManager>(
    `select ${COLUMNS} from site_managers where site_id = $1 order by created_at, user_id`,
    [siteId],
  )
  return rows
}

/** Adds (or keeps) a manager; `addedBy` is "install" or "admin". */
export async function addSiteManager(
  db: Queryable,
  m: { siteId: string; userId: string; email: string | null; addedBy: string },
): Promise<SiteManager> {
  const { rows } = await db.query<SiteManager>(
    `insert into site_managers (site_id, user_id, email, added_by) values ($1, $2, $3, $4)
     on conflict (site_id, user_id) do update set email = coalesce(excluded.email, site_managers.email)
     returning ${COLUMNS}`,
    [m.siteId, m.userId, m.email, m.addedBy],
  )
  return rows[0]!
}

export async function removeSiteManager(db: Queryable, siteId: string, userId: string): Promise<boolean> {
  const r = await db.query('delete from site_managers where site_id = $1 and user_id = $2', [siteId, userId])
  return (r.rowCount ?? 0) > 0
}
