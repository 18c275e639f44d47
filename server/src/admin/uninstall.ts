import type { Config } from '../config'
import { cipherFor } from '../crypto/cipher-for'
import { type Db, inTransaction } from '../db/pool'
import { auditInstall } from '../install/audit'
import { type Installation, revokeInstallation } from '../install/installations-table'
import { webhookUrl } from '../install/register-webhooks'
import { type WebflowDeps, webflowClientForToken } from '../install/site-client'
import { pauseSitesOf } from '../install/sites-table'
import { revokeToken } from '../webflow/webflow-oauth'

/**
 * Uninstalls: deletes Bindery's webhooks on every site (while the token still works), revokes the
 * grant at Webflow, then wipes the token and pauses the sites in one transaction. Webflow failures
 * do not stop the local wipe: an admin asking to uninstall wants the token gone either way.
 */
export async function uninstall(db: Db, config: Config, deps: WebflowDeps, installation: Installation) {
  let webhooksDeleted = 0
  let revokedAtWebflow = false
  const { rows: sites } = await db.query<{ id: string }>('select id from sites where installation_id = $1', [
    installation.id,
  ])
  if (installation.tokenCiphertext) {
    const token = cipherFor(config).decrypt(installation.tokenCiphertext)
    const api = webflowClientForToken(config, token, installation.id, deps)
    for (const site of sites) {
      try {
        const { webhooks } = await api.listWebhooks(site.id)
        for (const w of webhooks.filter((w) => w.url === webhookUrl(config))) {
          await api.deleteWebhook(w.id)
          webhooksDeleted++
        }
      } catch (err) {
        deps.log.warn({ err, site: site.id }, 'uninstall: could not delete webhooks')
      }
    }
    revokedAtWebflow = await revokeToken(config.webflow, token).catch((err) => {
      deps.log.warn({ err }, 'uninstall: revoke at Webflow failed')
      return false
    })
  }
  return inTransaction(db, async (tx) => {
    const revoked = await revokeInstallation(tx, installation.id)
    const sitesPaused = await pauseSitesOf(tx, installation.id)
    await tx.query('delete from site_webhooks where site_id = any($1::text[])', [sites.map((s) => s.id)])
    await auditInstall(tx, {
      direction: 'admin',
      action: 'installation.uninstalled',
      installationId: installation.id,
      before: { status: installation.status },
      after: { status: 'revoked', revokedAtWebflow, webhooksDeleted, sitesPaused },
    })
    return { installation: revoked!, revokedAtWebflow, webhooksDeleted, sitesPaused }
  })
}
