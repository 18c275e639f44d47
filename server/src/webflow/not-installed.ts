import type { Config } from '../config'
import { AppError } from '../vocabulary/app-error'

/** The 409 for a site Bindery has no installation for; the panel offers `installUrl`. */
export function notInstalled(config: Config, siteId: string): AppError {
  return new AppError(409, 'not_installed', `Bindery is not installed on site ${siteId}`, undefined, {
    installUrl: `${config.publicUrl}/oauth/install?popup=1`,
  })
}
