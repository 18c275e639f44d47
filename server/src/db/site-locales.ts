import type { Queryable } from './pool'

/** One of a site's Webflow locales (docs/webflow.md "Localization"). */
export type SiteLocale = { cmsLocaleId: string; tag: string; displayName: string; isPrimary: boolean }

/** The locales a link syncs: the primary's cmsLocaleId and each enabled hub locale's Webflow id. */
export type LinkLocales = { primary: string | null; secondary: { tag: string; cmsLocaleId: string }[] }

export const NO_LOCALES: LinkLocales = { primary: null, secondary: [] }

/** Replaces what Bindery knows of a site's locales with what GET /sites/{id} answered. */
export async function replaceSiteLocales(db: Queryable, siteId: string, locales: SiteLocale[]) {
  await db.query('delete from site_locales where site_id = $1', [siteId])
  if (!locales.length) return
  await db.query(
    `insert into site_locales (site_id, cms_locale_id, tag, display_name, is_primary)
     select $1, x.cms_locale_id, x.tag, x.display_name, x.is_primary
     from jsonb_to_recordset($2::jsonb) as x(cms_locale_id text, tag text, display_name text, is_primary boolean)`,
    [
      siteId,
      JSON.stringify(
        locales.map((l) => ({
          cms_locale_id: l.cmsLocaleId,
          tag: l.tag,
          display_name: l.displayName,
          is_primary: l.isPrimary,
        })),
      ),
    ],
  )
}

export async function listSiteLocales(db: Queryable, siteId: string): Promise<SiteLocale[]> {
  const { rows } = await db.query(
    `select cms_locale_id, tag, display_name, is_primary from site_locales where site_id = $1
     order by is_primary desc, tag`,
    [siteId],
  )
  return rows.map((r) => ({
    cmsLocaleId: r.cms_locale_id,
    tag: r.tag,
    displayName: r.display_name,
    isPrimary: r.is_primary,
  }))
}

/**
 * The locales a link between this site and hub collection syncs: the hub collection's locales that
 * the site has, matched by tag. A site Bindery knows no locales of syncs its primary only.
 */
export async function localesOfLink(
  db: Queryable,
  siteId: string,
  hubCollectionId: string,
): Promise<LinkLocales> {
  const { rows } = await db.query<{ cms_locale_id: string; tag: string; is_primary: boolean }>(
    `select sl.cms_locale_id, sl.tag, sl.is_primary from site_locales sl
     where sl.site_id = $1 and (sl.is_primary or exists (
       select 1 from hub_collection_locales hcl where hcl.collection_id = $2 and hcl.tag = sl.tag))
     order by sl.tag`,
    [siteId, hubCollectionId],
  )
  return {
    primary: rows.find((r) => r.is_primary)?.cms_locale_id ?? null,
    secondary: rows.filter((r) => !r.is_primary).map((r) => ({ tag: r.tag, cmsLocaleId: r.cms_locale_id })),
  }
}
