import type {
  Collection,
  CollectionItem,
  CollectionSummary,
  Field,
  Locale,
  Site,
  Webhook,
} from '@bindery/shared/webflow'
import type { CollectionRec, FieldRec, ItemVersion, LocaleRec, SiteRec, WebhookRec } from './store.ts'

// Store records → Webflow wire shapes (shared/src/webflow.ts). Timestamps become ISO-8601 with ms.

export const iso = (ms: number): string => new Date(ms).toISOString()
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms))

function toLocale(locale: LocaleRec, primary: boolean): Locale {
  return {
    id: locale.id,
    cmsLocaleId: locale.cmsLocaleId,
    enabled: true,
    displayName: locale.displayName,
    displayImageId: null,
    redirect: primary,
    subdirectory: primary ? '' : locale.subdirectory,
    tag: locale.tag,
  }
}

export function toSite(site: SiteRec): Site {
  const [primary, ...secondary] = site.locales
  return {
    id: site.id,
    workspaceId: site.workspaceId,
    createdOn: iso(site.createdOn),
    displayName: site.displayName,
    shortName: site.shortName,
    lastPublished: isoOrNull(site.lastPublished),
    lastUpdated: iso(site.lastUpdated),
    previewUrl: `https://screenshots.webflow.com/sites/${site.id}/preview.png`,
    timeZone: site.timeZone,
    parentFolderId: null,
    customDomains: site.customDomains.map((d) => ({
      id: d.id,
      url: d.url,
      lastPublished: isoOrNull(d.lastPublished),
    })),
    locales: primary
      ? { primary: toLocale(primary, true), secondary: secondary.map((l) => toLocale(l, false)) }
      : null,
    dataCollectionEnabled: false,
    dataCollectionType: 'disabled',
  }
}

export function toField(field: FieldRec): Field {
  return {
    id: field.id,
    isEditable: field.isEditable,
    isRequired: field.isRequired,
    type: field.type,
    slug: field.slug,
    displayName: field.displayName,
    helpText: field.helpText,
    validations: field.validations,
  }
}

export function toCollectionSummary(c: CollectionRec): CollectionSummary {
  return {
    id: c.id,
    displayName: c.displayName,
    singularName: c.singularName,
    slug: c.slug,
    createdOn: iso(c.createdOn),
    lastUpdated: iso(c.lastUpdated),
  }
}

export function toCollection(c: CollectionRec): Collection {
  return { ...toCollectionSummary(c), fields: c.fields.map(toField) }
}

export function toItem(id: string, cmsLocaleId: string, v: ItemVersion): CollectionItem {
  return {
    id,
    cmsLocaleId,
    lastPublished: isoOrNull(v.lastPublished),
    lastUpdated: iso(v.lastUpdated),
    createdOn: iso(v.createdOn),
    isArchived: v.isArchived,
    isDraft: v.isDraft,
    fieldData: v.fieldData as CollectionItem['fieldData'],
  }
}

export function toWebhook(w: WebhookRec): Webhook {
  return {
    id: w.id,
    triggerType: w.triggerType,
    url: w.url,
    workspaceId: w.workspaceId,
    siteId: w.siteId,
    filter: w.filter ?? null,
    createdOn: iso(w.createdOn),
    lastTriggered: isoOrNull(w.lastTriggered),
  }
}
