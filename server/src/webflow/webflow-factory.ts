import type { Logger } from 'pino'
import type { Config } from '../config'
import { cipherFor } from '../crypto/cipher-for'
import { cipherContext } from '../crypto/token-cipher'
import { credentialState } from '../db/installation-credentials'
import { type Installation, installationForSite, updateTokenCiphertext } from '../db/installations'
import type { Db } from '../db/pool'
import { getSite } from '../db/sites'
import type { CircuitBreaker } from './circuit-breaker'
import { notInstalled } from './not-installed'
import type { RateGate } from './rate-gate'
import { SitePausedError } from './site-paused'
import { TokenRejectedError, tokenRefused } from './token-rejected'
import type { WebflowApiError } from './webflow-api-error'
import { createWebflowClient, type WebflowApi } from './webflow-client'

type OnRefused = (e: WebflowApiError) => Promise<Error>
/** `gate`: another rate gate for this client (sign-ins resolve ID tokens under a gate of their own). */
type ClientOptions = { gate?: RateGate; onRefused?: OnRefused }

/**
 * Every Webflow client of the process comes from here, built once per process: it holds the rate
 * gate and circuit breaker all of them share, and the database the tokens are read from.
 */
export type WebflowFactory = {
  gate: RateGate
  breaker: CircuitBreaker
  /**
   * The client for a site, bound to its installation's token (decrypted here and nowhere else).
   * Throws the 409 `not_installed` AppError when the site has no active installation, and
   * SitePausedError while the site's kill switch is on, unless `allowPaused` (signing a designer in
   * must still work, or the panel could not resume the site).
   */
  forSite: (siteId: string, opts?: { allowPaused?: boolean }) => Promise<WebflowApi>
  /** The client of one installation; its rate budget is keyed by the installation id. */
  forInstallation: (installation: Installation, opts?: ClientOptions) => Promise<WebflowApi>
  /** A client for a token not (yet) stored: an install in progress, a revoke; budget keyed by `tokenKey`. */
  forToken: (accessToken: string, tokenKey: string, opts?: ClientOptions) => WebflowApi
  /** The same factory whose clients log to `log` (a job's child log, say). */
  withLog: (log: Logger) => WebflowFactory
}

export function webflowFactory(
  db: Db,
  config: Config,
  log: Logger,
  shared: { gate: RateGate; breaker: CircuitBreaker },
): WebflowFactory {
  const forToken = (accessToken: string, tokenKey: string, opts: ClientOptions = {}) =>
    createWebflowClient({
      apiUrl: config.webflow.apiUrl,
      accessToken,
      tokenKey,
      gate: opts.gate ?? shared.gate,
      breaker: shared.breaker,
      log,
      onRefused: opts.onRefused,
    })

  const forInstallation = async (installation: Installation, opts: ClientOptions = {}) => {
    if (!installation.tokenCiphertext) throw new Error(`installation ${installation.id} has no token`)
    const cipher = cipherFor(config)
    const context = cipherContext.installationToken(installation.id)
    const accessToken = cipher.decrypt(installation.tokenCiphertext, context)
    // Tokens read with ENCRYPTION_KEY_PREVIOUS (or stored before the installation id was bound in)
    // move to the current key and format, so the old key can retire.
    if (cipher.isStale(installation.tokenCiphertext)) {
      await updateTokenCiphertext(db, installation.id, cipher.encrypt(accessToken, context))
    }
    return forToken(accessToken, installation.id, opts)
  }

  const forSite = async (siteId: string, opts: { allowPaused?: boolean } = {}) => {
    // Side by side: every job's first call waits for these.
    const [installation, site] = await Promise.all([
      installationForSite(db, siteId),
      opts.allowPaused ? undefined : getSite(db, siteId),
    ])
    if (!installation) throw notInstalled(config, siteId)
    if (!opts.allowPaused) {
      if (site?.paused) throw new SitePausedError(siteId)
      // A token Webflow refused stays refused until a reinstall: no call would get through.
      if ((await credentialState(db, installation.id))?.needsReinstall)
        throw new TokenRejectedError(siteId, installation.id, config)
    }
    return forInstallation(installation, {
      onRefused: (e) => tokenRefused(db, config, siteId, installation.id, e),
    })
  }

  const withLog = (child: Logger) => webflowFactory(db, config, child, shared)
  return { gate: shared.gate, breaker: shared.breaker, forSite, forInstallation, forToken, withLog }
}
