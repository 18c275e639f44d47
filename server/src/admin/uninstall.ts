import { auditKey } from '../content/api-keys'
import type { AppContext } from '../context/app-context'
import { cipherFor } from '../crypto/cipher-for'
import { cipherContext } from '../crypto/token-cipher'
import { revokeKeysOfSites } from '../db/api-keys'
import { auditInstall } from '../db/audit-log'
import { type Installation, revokeInstallation } from '../db/installations'
import { inTransaction } from '../db/pool'
import { deleteSiteWebhooksOf } from '../db/site-webhooks'
import { endSessionsOf, pauseSitesOf, siteIdsOfInstallation } from '../db/sites'
import { webhookUrl } from '../install/register-webhooks'
import { revokeToken } from '../webflow/webflow-oauth'

/**
 * Uninstalls: deletes Bindery's webhooks on every site (while the token still works), revokes the
 * grant at Webflow, then wipes the token, pauses the sites, revokes their API keys and ends their sessions
 * in one transaction. Webflow failures
 * do not stop the local wipe: an admin asking to uninstall wants the token gone either way.
 */
export async function uninstall(ctx: AppContext, installation: Installation) {
  const { db, config, log } = ctx
  let webhooksDeleted = 0
  let revokedAtWebflow = false
  const sites = (await siteIdsOfInstallation(db, installation.id)).map((id) => ({ id }))
  if (installation.tokenCiphertext) {
    const token = cipherFor(config).decrypt(
      installation.tokenCiphertext,
      cipherContext.installationToken(installation.id),
    )
    const api = ctx.webflow.forToken(token, installation.id)
    for (const site of sites) {
      try {
        const { webhooks } = await api.listWebhooks(site.id)
        for (const w of webhooks.filter((w) => w.url === webhookUrl(config))) {
          await api.deleteWebhook(w.id)
          webhooksDeleted++
        }
      } catch (err) {
        log.warn({ err, site: site.id }, 'uninstall: could not delete webhooks')
      }
    }
    revokedAtWebflow = await revokeToken(config.webflow, token).catch((err) => {
      log.warn({ err }, 'uninstall: revoke at Webflow failed')
      return false
    })
  }
  return inTransaction(db, async (tx) => {
    const revoked = await revokeInstallation(tx, installation.id)
    const sitesPaused = await pauseSitesOf(tx, installation.id)
    const siteIds = sites.map((s) => s.id)
    await deleteSiteWebhooksOf(tx, siteIds)
    // Nothing Bindery handed out for these sites outlives the uninstall: keys and sessions end.
    const keys = await revokeKeysOfSites(tx, siteIds)
    for (const key of keys) await auditKey(tx, 'api_key.revoked', key, 'uninstall')
    await endSessionsOf(tx, siteIds)
    await auditInstall(tx, {
      direction: 'admin',
      action: 'installation.uninstalled',
      installationId: installation.id,
      before: { status: installation.status },
      after: {
        status: 'revoked',
        revokedAtWebflow,
        webhooksDeleted,
        sitesPaused,
        apiKeysRevoked: keys.length,
      },
    })
    return {
      installation: revoked!,
      revokedAtWebflow,
      webhooksDeleted,
      sitesPaused,
      apiKeysRevoked: keys.length,
    }
  })
}
