import { z } from 'zod'
import { HubField, HubFieldType, ItemStatus, Slug } from '../hub'

/**
 * The content API (`/api/v1`, per-site API keys) and the admin/panel API-key endpoints. Every
 * request body is strict: an unknown key is a 400, never silently dropped.
 */

/** Webflow caps a collection at 60 fields, `name` and `slug` included. */
export const MAX_CUSTOM_FIELDS = 58
export const MAX_BULK_ITEMS = 1000

const Name = z.string().trim().min(1).max(256)
const IsoDate = z.string().describe('ISO-8601 timestamp')
const Id = z.uuid()

// --- API keys (admin API and panel) ---

export const ApiKeyCreateRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** When the key stops working (ISO-8601, in the future); absent: until revoked. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
})
export type ApiKeyCreateRequest = z.infer<typeof ApiKeyCreateRequest>

export const ApiKeyInfo = z.object({
  id: z.string(),
  siteId: z.string(),
  name: z.string(),
  /** The first characters of the key, to tell keys apart; the key itself is never shown again. */
  prefix: z.string(),
  createdAt: IsoDate,
  lastUsedAt: IsoDate.nullable(),
  revokedAt: IsoDate.nullable(),
  /** "user:<Webflow user id>" (a site manager, from the panel) or "admin"; null for older keys. */
  createdBy: z.string().nullable(),
  expiresAt: IsoDate.nullable(),
})
export type ApiKeyInfo = z.infer<typeof ApiKeyInfo>

/** The only response that carries the full key. */
export const ApiKeyCreated = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  key: z.string(),
  createdAt: IsoDate,
  createdBy: z.string(),
  expiresAt: IsoDate.nullable(),
})
export type ApiKeyCreated = z.infer<typeof ApiKeyCreated>

export const ApiKeyList = z.object({ apiKeys: z.array(ApiKeyInfo) })
export const ApiKeySiteParams = z.object({ siteId: z.string().min(1).max(64) })
export const ApiKeyIdParams = z.object({ id: Id })

// --- collections ---

export const Collection = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  singularName: z.string(),
  fields: z.array(HubField),
  createdAt: IsoDate,
  updatedAt: IsoDate,
})
export type Collection = z.infer<typeof Collection>

export const CollectionList = z.object({ collections: z.array(Collection) })

export const CollectionCreateRequest = z.strictObject({
  slug: Slug,
  name: Name,
  singularName: Name,
  fields: z.array(HubField).max(MAX_CUSTOM_FIELDS).default([]),
})
export type CollectionCreateRequest = z.infer<typeof CollectionCreateRequest>

export const FieldUpdate = z.strictObject({
  slug: z.string().min(1),
  name: z.string().min(1).max(100).optional(),
  required: z.boolean().optional(),
  options: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
  /** Accepted only when unchanged: a field's type never changes (remove it and add it instead). */
  type: HubFieldType.optional(),
})
export type FieldUpdate = z.infer<typeof FieldUpdate>

export const CollectionUpdateRequest = z.strictObject({
  name: Name.optional(),
  singularName: Name.optional(),
  addFields: z.array(HubField).max(MAX_CUSTOM_FIELDS).optional(),
  /** Removing a field also removes its values from every item of the collection, at once. */
  removeFields: z.array(z.string().min(1)).max(MAX_CUSTOM_FIELDS).optional(),
  updateFields: z.array(FieldUpdate).max(MAX_CUSTOM_FIELDS).optional(),
  /**
   * Required when a removed field is synced to Webflow by a link (409 otherwise). `keep`: the link
   * stops syncing the field and Webflow keeps the field and its values; nothing is cleared there.
   */
  onWebflow: z
    .enum(['keep'])
    .optional()
    .describe(
      'required to remove a field a Webflow link syncs: "keep" unmaps it, Webflow keeps the field and its values',
    ),
})
export type CollectionUpdateRequest = z.infer<typeof CollectionUpdateRequest>

export const CollectionParams = z.object({ id: Id })

// --- locales ---

/** A BCP 47 locale tag as Webflow shows it ('fr-FR', 'de'); hub locales map to the site's by tag. */
export const LocaleTag = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a locale tag such as fr-FR')
  .max(35)
export type LocaleTag = z.infer<typeof LocaleTag>

export const CollectionLocale = z.object({
  tag: z.string(),
  /** The site's Webflow locale with this tag, when it has one: only those are synced. */
  webflow: z.object({ cmsLocaleId: z.string(), displayName: z.string() }).nullable(),
})
export const CollectionLocales = z.object({
  /** The site's primary locale tag when known ('en'): the item itself holds that content. */
  primary: z.string().nullable(),
  locales: z.array(CollectionLocale),
})
export type CollectionLocales = z.infer<typeof CollectionLocales>

export const CollectionLocalesRequest = z.strictObject({ locales: z.array(LocaleTag).min(1).max(50) })
export const CollectionLocaleParams = z.object({ id: Id, tag: LocaleTag })

/** `?locale=fr-FR`: read or write that locale's version instead of the primary content. */
export const LocaleQuery = z.strictObject({ locale: LocaleTag.optional() })

// --- items ---

const FieldValues = z.record(z.string(), z.unknown())

/** One locale version: name, slug and the fields Webflow localizes (images and files are shared). */
export const LocaleContent = z.strictObject({ slug: Slug, name: Name, fields: FieldValues.default({}) })
export type LocaleContent = z.infer<typeof LocaleContent>
const LocaleVersions = z.record(LocaleTag, LocaleContent)

export const Item = z.object({
  id: z.string(),
  collectionId: z.string(),
  slug: z.string(),
  name: z.string(),
  status: ItemStatus,
  fields: FieldValues,
  version: z.number().int(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  /** Set on tombstones, which lists return only with `includeDeleted=true`. */
  deletedAt: IsoDate.nullable(),
  /**
   * With `?locale=`: the locale shown; `version` is the locale version's (the one `version`/`If-Match`
   * guard on a locale write); `fallback` when the locale has no version and shows the primary content.
   */
  locale: z.object({ tag: z.string(), version: z.number().int(), fallback: z.boolean() }).optional(),
})
export type Item = z.infer<typeof Item>

export const ItemParams = z.object({ id: Id, itemId: Id })

export const ItemListQuery = z.strictObject({
  status: ItemStatus.optional(),
  /** Items updated at or after this instant (inclusive). */
  updatedSince: z.iso
    .datetime({ offset: true })
    .refine((v) => Number(v.slice(0, 4)) >= 1, 'year 0000 is not a date')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(200).optional(),
  includeDeleted: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  locale: LocaleTag.optional(),
})
export type ItemListQuery = z.infer<typeof ItemListQuery>

export const ItemList = z.object({ items: z.array(Item), nextCursor: z.string().nullable() })
export type ItemList = z.infer<typeof ItemList>

export const ItemCreateRequest = z.strictObject({
  slug: Slug,
  name: Name,
  status: ItemStatus.default('draft'),
  fields: FieldValues.default({}),
  /** Versions per locale tag; a locale left out shows the primary content. */
  locales: LocaleVersions.optional(),
})
export type ItemCreateRequest = z.infer<typeof ItemCreateRequest>

const Version = z.number().int().min(1)

/** Partial: `fields` merge per key and `null` clears one. `version` (or `If-Match`) guards the write. */
export const ItemUpdateRequest = z.strictObject({
  version: Version.optional(),
  slug: Slug.optional(),
  name: Name.optional(),
  fields: FieldValues.optional(),
})
export type ItemUpdateRequest = z.infer<typeof ItemUpdateRequest>

/** Optional: a status change may be sent without a body. */
export const ItemStatusRequest = z.strictObject({ version: Version.optional() }).nullish()
export type ItemStatusRequest = z.infer<typeof ItemStatusRequest>

export const IfMatchHeaders = z.object({ 'if-match': z.string().max(64).optional() })

export const BulkItem = z.strictObject({
  slug: Slug,
  name: Name,
  /** Omitted: `draft` for a new item, unchanged for an existing one. */
  status: ItemStatus.optional(),
  /** The item's complete field values: fields left out are cleared on an existing item. */
  fields: FieldValues.default({}),
  /** Locale versions to write; locales left out are kept as they are. */
  locales: LocaleVersions.optional(),
})
export type BulkItem = z.infer<typeof BulkItem>

export const BulkUpsertRequest = z.strictObject({ items: z.array(BulkItem).min(1).max(MAX_BULK_ITEMS) })
export type BulkUpsertRequest = z.infer<typeof BulkUpsertRequest>

export const BulkUpsertResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** In the order of the request. */
  items: z.array(z.object({ id: z.string(), slug: z.string(), version: z.number().int() })),
})
export type BulkUpsertResult = z.infer<typeof BulkUpsertResult>
