import { AppError } from '../vocabulary/app-error'

/**
 * Thrown instead of any Webflow call for a site whose kill switch is on. Jobs that meet it hold
 * their work (see reliability/release-held-jobs.ts); a request that meets it answers 409 `site_paused`.
 */
export class SitePausedError extends AppError {
  constructor(readonly siteId: string) {
    super(409, 'site_paused', `site ${siteId} is paused; resume it to let Bindery call Webflow again`)
  }
}
