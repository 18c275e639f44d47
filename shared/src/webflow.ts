import { z } from 'zod'

// Wire shapes of Webflow's Data API v2 that Bindery relies on (docs/webflow.md).
// The simulator answers with these shapes and the server parses Webflow's answers with them, so
// both sides agree. Objects are loose because Webflow adds keys without notice.

const IsoDate = z.string()

export const KnownFieldType = z.enum([
  'Color',
  'DateTime',
  'Email',
  'ExtFileRef',
  'File',
  'Image',
  'Link',
  'MultiImage',
  'MultiReference',
  'Number',
  'Option',
  'Phone',
  'PlainText',
  'Reference',
  'RichText',
  'Switch',
  'VideoLink',
  'User',
])
export type KnownFieldType = z.infer<typeof KnownFieldType>

// Unknown type strings are accepted: Webflow adds field types and the SDK lets them through.
export const FieldType = z.union([KnownFieldType, z.string()])
export type FieldType = z.infer<typeof FieldType>

export const Field = z.looseObject({
  id: z.string(),
  isRequired: z.boolean(),
  isEditable: z.boolean().optional(),
  type: FieldType,
  slug: z.string(),
  displayName: z.string(),
  helpText: z.string().nullable().optional(),
  validations: z.record(z.string(), z.unknown()).nullable().optional(),
})
export type Field = z.infer<typeof Field>

export const CollectionSummary = z.looseObject({
  id: z.string(),
  displayName: z.string(),
  singularName: z.string(),
  slug: z.string().optional(),
  createdOn: IsoDate.optional(),
  lastUpdated: IsoDate.optional(),
})
export type CollectionSummary = z.infer<typeof CollectionSummary>

export const Collection = CollectionSummary.extend({ fields: z.array(Field) })
export type Collection = z.infer<typeof Collection>

export const CollectionList = z.looseObject({ collections: z.array(CollectionSummary) })
export type CollectionList = z.infer<typeof CollectionList>

export const FieldData = z.looseObject({ name: z.string(), slug: z.string() })
export type FieldData = z.infer<typeof FieldData>

export const CollectionItem = z.looseObject({
  id: z.string(),
  cmsLocaleId: z.string().nullable().optional(),
  // The SDK turns a null into undefined when a response validates, so both mean "never published".
  lastPublished: IsoDate.nullish(),
  lastUpdated: IsoDate,
  createdOn: IsoDate,
  isArchived: z.boolean(),
  isDraft: z.boolean(),
  fieldData: FieldData,
})
export type CollectionItem = z.infer<typeof CollectionItem>

export const Pagination = z.looseObject({ limit: z.number(), offset: z.number(), total: z.number() })
export type Pagination = z.infer<typeof Pagination>

export const ItemList = z.looseObject({ items: z.array(CollectionItem), pagination: Pagination })
export type ItemList = z.infer<typeof ItemList>

export const ItemsResponse = z.looseObject({ items: z.array(CollectionItem) })
export type ItemsResponse = z.infer<typeof ItemsResponse>

/** A multi-item create answers `{items}` or, as the spec documents, one item: always `{items}` here. */
export const CreatedItems = z
  .union([ItemsResponse, CollectionItem])
  .transform((r) =>
    'items' in r && Array.isArray(r.items) ? { items: r.items } : { items: [r as CollectionItem] },
  )
export type CreatedItems = z.infer<typeof CreatedItems>

export const PublishItemsResponse = z.looseObject({
  publishedItemIds: z.array(z.string()),
  errors: z.array(z.string()),
})
export type PublishItemsResponse = z.infer<typeof PublishItemsResponse>

export const Locale = z.looseObject({
  id: z.string(),
  cmsLocaleId: z.string(),
  enabled: z.boolean(),
  displayName: z.string(),
  displayImageId: z.string().nullable().optional(),
  redirect: z.boolean().optional(),
  subdirectory: z.string(),
  tag: z.string(),
})
export type Locale = z.infer<typeof Locale>

export const Domain = z.looseObject({
  id: z.string(),
  url: z.string(),
  lastPublished: IsoDate.nullable().optional(),
})
export type Domain = z.infer<typeof Domain>

export const Site = z.looseObject({
  id: z.string(),
  workspaceId: z.string(),
  displayName: z.string(),
  shortName: z.string(),
  createdOn: IsoDate.optional(),
  lastUpdated: IsoDate.optional(),
  lastPublished: IsoDate.nullable().optional(),
  previewUrl: z.string().nullable().optional(),
  timeZone: z.string().optional(),
  parentFolderId: z.string().nullable().optional(),
  customDomains: z.array(Domain),
  locales: z
    .looseObject({ primary: Locale, secondary: z.array(Locale) })
    .nullable()
    .optional(),
})
export type Site = z.infer<typeof Site>

export const SiteList = z.looseObject({ sites: z.array(Site) })
export type SiteList = z.infer<typeof SiteList>

export const CustomDomainList = z.looseObject({ customDomains: z.array(Domain) })
export type CustomDomainList = z.infer<typeof CustomDomainList>

export const SitePublishResponse = z.looseObject({
  customDomains: z.array(Domain),
  publishToWebflowSubdomain: z.boolean(),
})
export type SitePublishResponse = z.infer<typeof SitePublishResponse>

export const CollectionItemTriggerType = z.enum([
  'collection_item_created',
  'collection_item_changed',
  'collection_item_deleted',
  'collection_item_published',
  'collection_item_unpublished',
])
export type CollectionItemTriggerType = z.infer<typeof CollectionItemTriggerType>

export const TriggerType = z.enum([
  'form_submission',
  'site_publish',
  'page_created',
  'page_metadata_updated',
  'page_deleted',
  'ecomm_new_order',
  'ecomm_order_changed',
  'ecomm_inventory_changed',
  'collection_item_created',
  'collection_item_changed',
  'collection_item_deleted',
  'collection_item_published',
  'collection_item_unpublished',
  'comment_created',
])
export type TriggerType = z.infer<typeof TriggerType>

export const Webhook = z.looseObject({
  id: z.string(),
  triggerType: z.string(),
  url: z.string(),
  workspaceId: z.string().optional(),
  siteId: z.string().optional(),
  filter: z.unknown().nullable().optional(),
  createdOn: IsoDate.optional(),
  lastTriggered: IsoDate.nullable().optional(),
  // Present only in the create response of a webhook created with a site token.
  secretKey: z.string().optional(),
})
export type Webhook = z.infer<typeof Webhook>

export const WebhookList = z.looseObject({ webhooks: z.array(Webhook), pagination: Pagination.optional() })
export type WebhookList = z.infer<typeof WebhookList>

/**
 * Webflow's docs show `draft`/`archived` in item payloads where the spec says `isDraft`/`isArchived`
 * (docs/webflow.md, Webhook payloads): both are read, as the spec's names.
 */
function specItemKeys(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v
  const { draft, archived, ...rest } = v as Record<string, unknown>
  const out: Record<string, unknown> = { ...rest }
  if (out.isDraft === undefined && typeof draft === 'boolean') out.isDraft = draft
  if (out.isArchived === undefined && typeof archived === 'boolean') out.isArchived = archived
  return out
}

// Deleted and unpublished payloads may carry only ids, so fieldData and the timestamps are optional.
export const CollectionItemFields = z.looseObject({
  id: z.string(),
  workspaceId: z.string().optional(),
  siteId: z.string(),
  collectionId: z.string(),
  cmsLocaleId: z.string().nullable().optional(),
  lastPublished: IsoDate.nullable().optional(),
  lastUpdated: IsoDate.optional(),
  createdOn: IsoDate.optional(),
  isArchived: z.boolean().optional(),
  isDraft: z.boolean().optional(),
  fieldData: z.looseObject({ name: z.string().optional(), slug: z.string().optional() }).optional(),
})
export const CollectionItemPayload = z.preprocess(specItemKeys, CollectionItemFields)
export type CollectionItemPayload = z.infer<typeof CollectionItemFields>

/** The v1 names the spec's example still uses: `site`, `publishTime` (ms or ISO). */
function v2SitePublish(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v
  const { site, publishTime, ...rest } = v as Record<string, unknown>
  const out: Record<string, unknown> = { ...rest }
  if (out.siteId === undefined && typeof site === 'string') out.siteId = site
  if (out.publishedOn === undefined && (typeof publishTime === 'number' || typeof publishTime === 'string')) {
    const at = new Date(publishTime)
    if (!Number.isNaN(at.getTime())) out.publishedOn = at.toISOString()
  }
  return out
}

// docs/webflow.md, Webhook payloads: `{siteId, publishedOn, domains}` (v2) or `{site, publishTime}` (v1).
export const SitePublishPayload = z.preprocess(
  v2SitePublish,
  z.looseObject({
    siteId: z.string(),
    publishedOn: IsoDate,
    domains: z.array(z.string()).default([]),
    publishedBy: z.looseObject({ displayName: z.string().optional() }).nullable().optional(),
  }),
)
export type SitePublishPayload = z.infer<typeof SitePublishPayload>

export const WebhookDelivery = z.discriminatedUnion('triggerType', [
  z.looseObject({ triggerType: CollectionItemTriggerType, payload: CollectionItemPayload }),
  z.looseObject({ triggerType: z.literal('site_publish'), payload: SitePublishPayload }),
])
export type WebhookDelivery = z.infer<typeof WebhookDelivery>

export const WebflowErrorDetail = z.union([
  z.string(),
  z.looseObject({ param: z.string().optional(), description: z.string().optional() }),
])
export type WebflowErrorDetail = z.infer<typeof WebflowErrorDetail>

export const WebflowErrorBody = z.looseObject({
  code: z.string().optional(),
  message: z.string(),
  externalReference: z.string().nullable().optional(),
  details: z.array(WebflowErrorDetail).optional(),
})
export type WebflowErrorBody = z.infer<typeof WebflowErrorBody>

export const TokenIntrospect = z.looseObject({
  authorization: z.looseObject({
    id: z.string(),
    createdOn: IsoDate.optional(),
    lastUsed: IsoDate.nullable().optional(),
    grantType: z.string().optional(),
    rateLimit: z.number().optional(),
    scope: z.string(),
    authorizedTo: z.looseObject({
      siteIds: z.array(z.string()),
      workspaceIds: z.array(z.string()),
      userIds: z.array(z.string()),
    }),
  }),
  application: z
    .looseObject({
      id: z.string(),
      description: z.string().nullable().optional(),
      homepage: z.string().nullable().optional(),
      displayName: z.string(),
    })
    .nullable()
    .optional(),
})
export type TokenIntrospect = z.infer<typeof TokenIntrospect>

// `/beta/token/resolve` documents email and names as "string or null" (docs/webflow.md, ID token resolve).
export const AuthorizedUser = z.looseObject({
  id: z.string(),
  email: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
})
export type AuthorizedUser = z.infer<typeof AuthorizedUser>

export const TokenResolveResponse = AuthorizedUser.extend({ siteId: z.string() })
export type TokenResolveResponse = z.infer<typeof TokenResolveResponse>

export const OAuthAccessTokenResponse = z.looseObject({
  access_token: z.string(),
  token_type: z.string(),
  scope: z.string().optional(),
})
export type OAuthAccessTokenResponse = z.infer<typeof OAuthAccessTokenResponse>

export const OAuthErrorResponse = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
})
export type OAuthErrorResponse = z.infer<typeof OAuthErrorResponse>
