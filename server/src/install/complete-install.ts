import { createHash } from 'node:crypto'
import type { WebhookHealth } from '@bindery/shared/api/site'
import type { Config } from '../config'
import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import { cipherFor } from '../crypto/cipher-for'
import { cipherContext } from '../crypto/token-cipher'
import { auditInstall } from '../db/audit-log'
import { clearTokenRejected } from '../db/installation-credentials'
import { type Installation, upsertInstallation } from '../db/installations'
import { inTransaction } from '../db/pool'
import { addSiteManager } from '../db/site-managers'
import { upsertSite } from '../db/sites'
import { releaseHeldJobs } from '../reliability/release-held-jobs'
import { exchangeCode, revokeToken } from '../webflow/webflow-oauth'
import { ensureSiteWebhooks } from './register-webhooks'

export type InstallOutcome = {
  installation: Installation
  rotated: boolean
  sites: { id: string; displayName: string; webhooks: WebhookHealth }[]
}

export const redirectUri = (config: Config) => `${config.publicUrl}/oauth/callback`

/**
 * The callback's work once the state checked out: exchange the code, learn what the grant covers,
 * store the installation (token encrypted) and its sites in one transaction, then register webhooks.
 * Registration runs after the commit so a Webflow hiccup there cannot lose the install; the
 * scheduled check repairs what it left.
 */
export async function completeInstall(ctx: AppContext, code: string) {
  const { db, config, boss, log } = ctx
  const accessToken = await exchangeCode(config.webflow, code, redirectUri(config))
  // Until the installation exists its rate budget is keyed by a hash, never by the token itself.
  const pendingKey = `grant:${createHash('sha256').update(accessToken).digest('hex').slice(0, 16)}`
  const api = ctx.webflow.forToken(accessToken, pendingKey)
  const { authorization } = await api.introspect()
  const user = await api.authorizedBy().catch(() => null)
  const { sites } = await api.listSites()
  const to = authorization.authorizedTo
  const covered = sites.filter((s) => to.siteIds.includes(s.id) || to.workspaceIds.includes(s.workspaceId))

  const { installation, rotated, replacedCiphertext } = await inTransaction(db, async (tx) => {
    const result = await upsertInstallation(tx, {
      workspaceIds: to.workspaceIds,
      siteIds: covered.map((s) => s.id),
      authorizedUser: user
        ? {
            id: user.id,
            email: user.email ?? '',
            name: [user.firstName, user.lastName].filter(Boolean).join(' '),
          }
        : null,
      scopes: authorization.scope.split(/[\s,]+/).filter(Boolean),
      encryptToken: (id) => cipherFor(config).encrypt(accessToken, cipherContext.installationToken(id)),
      rateLimit: authorization.rateLimit ?? null,
    })
    for (const s of covered) {
      await upsertSite(tx, {
        id: s.id,
        installationId: result.installation.id,
        workspaceId: s.workspaceId,
        displayName: s.displayName,
        shortName: s.shortName,
      })
      // The installing user manages the site's API keys (README "Security").
      if (user)
        await addSiteManager(tx, {
          siteId: s.id,
          userId: user.id,
          email: user.email ?? null,
          addedBy: 'install',
        })
    }
    // A reinstall after Webflow refused the old token: the new one works, the held work goes again.
    if (await clearTokenRejected(tx, result.installation.id)) {
      let released = 0
      for (const s of covered) released += await releaseHeldJobs(tx, boss, s.id)
      await enqueue({ boss }, 'inbox-process', {}, { tx })
      log.info({ installation: result.installation.id, released }, 'reinstall released held work')
    }
    await auditInstall(tx, {
      direction: 'admin',
      action: result.rotated ? 'installation.token_rotated' : 'installation.installed',
      installationId: result.installation.id,
      after: { workspaceIds: to.workspaceIds, siteIds: covered.map((s) => s.id), user: user?.email ?? null },
    })
    return result
  })

  if (replacedCiphertext) {
    await revokeReplaced(ctx, installation.id, replacedCiphertext, accessToken)
  }
  const bound = ctx.webflow.forToken(accessToken, installation.id)
  const outcome: InstallOutcome = { installation, rotated, sites: [] }
  for (const s of covered) {
    const webhooks = await ensureSiteWebhooks(db, config, bound, s.id)
    outcome.sites.push({ id: s.id, displayName: s.displayName, webhooks })
  }
  log.info(
    { installation: installation.id, rotated, sites: covered.map((s) => s.id) },
    rotated ? 'installation token rotated' : 'installed',
  )
  return outcome
}

/**
 * A re-install hands Bindery a new token: the one it replaces is revoked at Webflow, so no copy of
 * it stays useful. Webflow may hand back the same token; that one is kept, of course.
 */
async function revokeReplaced(
  { config, log }: AppContext,
  installationId: string,
  ciphertext: string,
  current: string,
) {
  try {
    const old = cipherFor(config).decrypt(ciphertext, cipherContext.installationToken(installationId))
    if (old !== current) await revokeToken(config.webflow, old)
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'could not revoke the replaced token at Webflow')
  }
}
