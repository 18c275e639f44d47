import type { Logger } from 'pino'
import type { Config } from '../config'
import { cipherFor } from '../crypto/cipher-for'
import { cipherContext } from '../crypto/token-cipher'
import { credentialState } from '../db/installation-credentials'
import type { Queryable } from '../db/pool'
import { SitePausedError } from '../reliability/site-paused'
import { TokenRejectedError, tokenRefused } from '../reliability/token-rejected'
import type { CircuitBreaker } from '../webflow/circuit-breaker'
import type { RateGate } from '../webflow/rate-gate'
import type { WebflowApiError } from '../webflow/webflow-api-error'
import { createWebflowClient, type WebflowApi } from '../webflow/webflow-client'
import { type Installation, installationForSite, updateTokenCiphertext } from './installations-table'
import { notInstalled } from './not-installed'

export type WebflowDeps = { gate: RateGate; breaker?: CircuitBreaker; log: Logger }

/**
 * The Webflow client for a site, bound to its installation's token (decrypted here and nowhere
 * else). Throws the 409 `not_installed` AppError when the site has no active installation, and
 * SitePausedError while the site's kill switch is on, unless `allowPaused` (signing a designer in
 * must still work, or the panel could not resume the site).
 */
export async function webflowForSite(
  db: Queryable,
  config: Config,
  siteId: string,
  deps: WebflowDeps,
  opts: { allowPaused?: boolean } = {},
): Promise<WebflowApi> {
  const installation = await installationForSite(db, siteId)
  if (!installation) throw notInstalled(config, siteId)
  if (!opts.allowPaused) {
    const { rows } = await db.query<{ paused: boolean }>('select paused from sites where id = $1', [siteId])
    if (rows[0]?.paused) throw new SitePausedError(siteId)
    // A token Webflow refused stays refused until a reinstall: no call would get through.
    if ((await credentialState(db, installation.id))?.needsReinstall)
      throw new TokenRejectedError(siteId, installation.id, config)
  }
  return webflowForInstallation(db, config, installation, deps, (e) =>
    tokenRefused(db, config, siteId, installation.id, e),
  )
}

/** The Webflow client of one installation; its rate budget is keyed by the installation id. */
export async function webflowForInstallation(
  db: Queryable,
  config: Config,
  installation: Installation,
  deps: WebflowDeps,
  onRefused?: (e: WebflowApiError) => Promise<Error>,
): Promise<WebflowApi> {
  if (!installation.tokenCiphertext) throw new Error(`installation ${installation.id} has no token`)
  const cipher = cipherFor(config)
  const context = cipherContext.installationToken(installation.id)
  const accessToken = cipher.decrypt(installation.tokenCiphertext, context)
  // Tokens read with ENCRYPTION_KEY_PREVIOUS (or stored before the installation id was bound in)
  // move to the current key and format, so the old key can retire.
  if (cipher.isStale(installation.tokenCiphertext)) {
    await updateTokenCiphertext(db, installation.id, cipher.encrypt(accessToken, context))
  }
  return webflowClientForToken(config, accessToken, installation.id, deps, onRefused)
}

export function webflowClientForToken(
  config: Config,
  accessToken: string,
  tokenKey: string,
  deps: WebflowDeps,
  onRefused?: (e: WebflowApiError) => Promise<Error>,
): WebflowApi {
  return createWebflowClient({
    apiUrl: config.webflow.apiUrl,
    accessToken,
    tokenKey,
    gate: deps.gate,
    breaker: deps.breaker,
    log: deps.log,
    onRefused,
  })
}
