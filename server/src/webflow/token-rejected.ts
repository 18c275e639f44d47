import type { Config } from '../config'
import { markTokenRejected } from '../db/installation-credentials'
import type { Queryable } from '../db/pool'
import { AppError } from '../vocabulary/app-error'
import type { WebflowApiError } from './webflow-api-error'

/**
 * Thrown instead of Webflow calls for a site whose installation's token Webflow refuses (401/403:
 * access revoked in Webflow, docs/webflow.md "Revoked tokens"). Like the kill switch, jobs that meet
 * it hold their work (no retries into the dead letters) until a reinstall releases it; a request
 * answers 409 `needs_reinstall` with the install link.
 */
export class TokenRejectedError extends AppError {
  constructor(
    readonly siteId: string,
    readonly installationId: string,
    config: Config,
  ) {
    super(
      409,
      'needs_reinstall',
      `Webflow refuses Bindery's access to site ${siteId}; reinstall Bindery to reconnect it`,
      undefined,
      { installUrl: `${config.publicUrl}/oauth/install?popup=1` },
    )
  }
}

/** Records Webflow's refusal of an installation's token; the error to throw in its place. */
export async function tokenRefused(
  db: Queryable,
  config: Config,
  siteId: string,
  installationId: string,
  e: WebflowApiError,
): Promise<TokenRejectedError> {
  await markTokenRejected(db, installationId, { status: e.status, reason: `${e.code}: ${e.message}` })
  return new TokenRejectedError(siteId, installationId, config)
}
