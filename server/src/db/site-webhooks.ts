import type { Queryable } from './pool'

/** The `site_webhooks` table: Bindery's webhook registrations per site, a per-webhook secret only encrypted. */

export type SiteWebhookRow = {
  id: string
  siteId: string
  triggerType: string
  url: string
  secretCiphertext: string | null
}

/** Forgets a site's registrations other than `keptIds`. */
export async function deleteSiteWebhooksExcept(db: Queryable, siteId: string, keptIds: string[]) {
  await db.query('delete from site_webhooks where site_id = $1 and not (id = any($2::text[]))', [
    siteId,
    keptIds,
  ])
}

/** Records a registration; a missing secret keeps the one already stored. */
export async function upsertSiteWebhook(db: Queryable, w: SiteWebhookRow) {
  await db.query(
    `insert into site_webhooks (id, site_id, trigger_type, url, secret_ciphertext) values ($1, $2, $3, $4, $5)
     on conflict (id) do update set url = $4, secret_ciphertext = coalesce($5, site_webhooks.secret_ciphertext)`,
    [w.id, w.siteId, w.triggerType, w.url, w.secretCiphertext],
  )
}

export async function deleteSiteWebhooksOf(db: Queryable, siteIds: string[]) {
  await db.query('delete from site_webhooks where site_id = any($1::text[])', [siteIds])
}

/** Encrypted secrets of the webhooks of sites whose installation is active. */
export async function activeWebhookSecrets(
  db: Queryable,
): Promise<{ id: string; siteId: string; secretCiphertext: string }[]> {
  const { rows } = await db.query<{ id: string; s: string; site: string }>(
    `select w.id, w.secret_ciphertext as s, w.site_id as site from site_webhooks w
     join sites s on s.id = w.site_id join installations i on i.id = s.installation_id
     where w.secret_ciphertext is not null and i.status = 'active'`,
  )
  return rows.map((r) => ({ id: r.id, siteId: r.site, secretCiphertext: r.s }))
}

export async function updateWebhookSecret(db: Queryable, id: string, secretCiphertext: string) {
  await db.query('update site_webhooks set secret_ciphertext = $2 where id = $1', [id, secretCiphertext])
}
