import { z } from 'zod'

// Options of createSimulator. Every [unconfirmed] behaviour of the reference is a switch here.
export const AppOptions = z.object({
  clientId: z.string().default('bindery-dev'),
  clientSecret: z.string().default('bindery-dev-secret'),
  displayName: z.string().default('Bindery'),
  /** Registered redirect URIs; empty → any http(s) URI is accepted. */
  redirectUris: z.array(z.string()).default([]),
  /** Scopes the app may request; an authorize request asking for more fails. */
  scopes: z
    .array(z.string())
    .default([
      'sites:read',
      'sites:write',
      'cms:read',
      'cms:write',
      'authorized_user:read',
      'assets:read',
      'assets:write',
    ]),
})
export type AppOptions = z.infer<typeof AppOptions>

export const RuntimeConfig = z.object({
  /** Requests per rolling minute per token: 'plan' (60 or 120 from the site plan), a number, or 'off'. */
  rateLimit: z.union([z.literal('plan'), z.literal('off'), z.number().int().positive()]).default('plan'),
  /** Force a fixed Retry-After on 429s (tests); otherwise seconds until a slot frees. */
  retryAfterSeconds: z.number().int().positive().optional(),
  /** 'error': 400 validation_error (documented); 'suffix': store `slug-2` (reported in the wild). */
  duplicateSlug: z.enum(['error', 'suffix']).default('error'),
  /** Missing slug on create: false → 400 (spec says required), true → derived from name. [unconfirmed] */
  autoSlug: z.boolean().default(false),
  /**
   * Link/VideoLink values: 'http' accepts only http(s) URLs, 'any' any absolute URL (`javascript:`,
   * `data:`), as a Designer user might paste. [unconfirmed]
   */
  linkSchemes: z.enum(['http', 'any']).default('http'),
  /** Whether writes made through /v2 fire webhooks back to the app. [unconfirmed] */
  echoApiWrites: z.boolean().default(true),
  /**
   * /items/bulk's 100-item limit: false counts items (fieldData entries), true counts item × locale
   * versions. The spec says "up to 100 items"; see docs/webflow.md "Localization". [unconfirmed]
   */
  bulkLimitCountsLocales: z.boolean().default(false),
  /**
   * Designer item creates on a localized site: every locale (true) or the primary only unless the
   * body names `cmsLocaleIds`. [unconfirmed]
   */
  designerCreatesAllLocales: z.boolean().default(false),
  /** Enforce the site-wide item cap of the site's plan. */
  itemCaps: z.boolean().default(true),
  webhookRetryIntervalMs: z.number().int().nonnegative().default(600_000),
  /** Retries after the first failed attempt; then the webhook is deactivated. */
  webhookMaxRetries: z.number().int().nonnegative().default(3),
  /** Time a receiver gets to answer a delivery. [unconfirmed] */
  webhookTimeoutMs: z.number().int().positive().default(10_000),
  /** Site publish: one successful publish per this window. */
  sitePublishIntervalMs: z.number().int().nonnegative().default(60_000),
  // The switches below model what docs/webflow.md lists as unconfirmed; the first value is the default.
  /** A staged edit of a live item: 'queued' (isDraft stays false, lastUpdated > lastPublished) or 'changesInDraft'. */
  stagedEditOfLive: z.enum(['queued', 'changesInDraft']).default('queued'),
  /** Whether publishing an item also moves its lastUpdated. */
  publishBumpsLastUpdated: z.boolean().default(false),
  /** A collection created through the API goes live only with a site publish. */
  collectionNeedsSitePublish: z.boolean().default(true),
  /** Multi-item create answers `{items:[…]}` ('list') or only the first item ('single'). */
  multiCreateAnswer: z.enum(['list', 'single']).default('list'),
  /** Order of the items in a multi-item answer. */
  multiCreateOrder: z.enum(['request', 'reversed']).default('request'),
  /** A multi-item 400 names `items[i].fieldData.slug` ('indexed') or plain `slug` ('plain'). */
  bulkErrorParam: z.enum(['indexed', 'plain']).default('indexed'),
  /** Bulk delete/unpublish with a missing or not-live id: 404 for the whole request, or skip it. */
  bulkMissingIds: z.enum(['error', 'skip']).default('error'),
  /** Item webhook payloads carry isDraft/isArchived ('spec') or draft/archived ('docs'). */
  webhookItemKeys: z.enum(['spec', 'docs']).default('spec'),
  /** collection_item_deleted/_unpublished payloads carry ids only, or the full item. */
  webhookRemovalPayload: z.enum(['ids', 'full']).default('ids'),
  /** site_publish payload: v2 `{siteId, publishedOn, domains}` or v1 `{site, publishTime, domains}`. */
  sitePublishPayload: z.enum(['v2', 'v1']).default('v2'),
  /** A retried delivery is signed with a fresh x-webflow-timestamp, or reuses the first one. */
  webhookRetryTimestamp: z.enum(['fresh', 'first']).default('fresh'),
  /** An OAuth grant reaches the whole workspace, or one site. */
  grantScope: z.enum(['workspace', 'site']).default('workspace'),
  /** Show a consent page on /oauth/authorize instead of auto-approving. */
  consent: z.boolean().default(false),
  /** Largest Image/MultiImage file Webflow imports (docs: 4MB). */
  imageMaxBytes: z
    .number()
    .int()
    .positive()
    .default(4 * 1024 * 1024),
  /** Largest File Webflow imports (assets guide: documents 10MB). */
  fileMaxBytes: z
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** A skipped file in a PATCH: 'clear' empties the field, 'keep' leaves the old file. [unconfirmed] */
  skippedFileOnUpdate: z.enum(['clear', 'keep']).default('clear'),
  /** Rich-text `<img>` sources: 'rehost' imports them to the CDN, 'keep' stores them as sent. [unconfirmed] */
  richTextImages: z.enum(['rehost', 'keep']).default('rehost'),
  /** Wrap a bare rich-text `<img>` in Webflow's `<figure class="w-richtext-figure-type-image …">`. [unconfirmed] */
  richTextFigures: z.boolean().default(true),
})
export type RuntimeConfig = z.infer<typeof RuntimeConfig>

export const SimulatorOptions = RuntimeConfig.extend({
  port: z.number().int().nonnegative().default(0),
  host: z.string().default('127.0.0.1'),
  app: AppOptions.default(AppOptions.parse({})),
  /** PRNG seed for faults, so chaos runs are reproducible. */
  seed: z.number().int().default(1),
  /** Size of the in-memory request log. */
  requestLogSize: z.number().int().positive().default(1000),
})
export type SimulatorOptionsInput = z.input<typeof SimulatorOptions> & { clock?: () => number }
export type SimulatorOptions = z.infer<typeof SimulatorOptions>
