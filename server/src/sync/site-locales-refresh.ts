import type { Locale } from '@bindery/shared/webflow'
import type { Queryable } from '../db/pool'
import { replaceSiteLocales, type SiteLocale } from '../db/site-locales'
import type { WebflowApi } from '../webflow/webflow-client'

const toSiteLocale = (l: Locale, isPrimary: boolean): SiteLocale => ({
  cmsLocaleId: l.cmsLocaleId,
  tag: l.tag,
  displayName: l.displayName,
  isPrimary,
})

/**
 * Reads the site's locales from GET /sites/{id} (`locales.primary`, `locales.secondary`; see
 * docs/webflow.md "Localization") and stores them: hub locales map to them by tag.
 */
export async function refreshSiteLocales(
  db: Queryable,
  wf: WebflowApi,
  siteId: string,
): Promise<SiteLocale[]> {
  const { locales } = await wf.getSite(siteId)
  const all = locales
    ? [toSiteLocale(locales.primary, true), ...locales.secondary.map((l) => toSiteLocale(l, false))]
    : []
  await replaceSiteLocales(db, siteId, all)
  return all
}
