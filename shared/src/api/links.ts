import { z } from 'zod'
import { HubFieldType } from '../hub'
import { ReconcileTrigger } from './reconcile'
import { SchemaDrift } from './schema-drift'

/**
 * The panel's (and the admin API's) view of collections and links, under
 * `/api/sites/:siteId/...` (designer session) and `/admin/api/sites/:siteId/...` (admin token).
 */

export const LinkDirection = z.enum(['two-way', 'push-only', 'pull-only'])
export const ConflictPolicy = z.enum(['newest', 'hub', 'webflow', 'review'])
export const LinkState = z.enum(['connecting', 'syncing', 'live', 'paused', 'error'])
/**
 * What a delete on one side does on the other: 'delete' deletes it too; 'archive' archives it
 * instead (Webflow `isArchived`, hub status `archived`); 'hold' waits in the link's hold queue until
 * someone confirms (the delete happens) or rejects it (the item comes back on the side that deleted it).
 */
export const DeleteMode = z.enum(['delete', 'archive', 'hold'])
export type DeleteMode = z.infer<typeof DeleteMode>

/** One hub field paired with one Webflow field; the slugs may differ (see `fieldCompatibility`). */
export const FieldPair = z.strictObject({ hubSlug: z.string().min(1), webflowSlug: z.string().min(1) })
export type FieldPair = z.infer<typeof FieldPair>

export const HubCollectionSummary = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  itemCount: z.number(),
  fields: z.array(z.object({ slug: z.string(), name: z.string(), type: HubFieldType })),
})
export type HubCollectionSummary = z.infer<typeof HubCollectionSummary>

export const WebflowFieldSummary = z.object({
  id: z.string(),
  slug: z.string(),
  displayName: z.string(),
  type: z.string(),
  /** The hub type it maps to; null when Bindery cannot sync this type (with the reason). */
  hubType: HubFieldType.nullable(),
  unsupportedReason: z.string().optional(),
})

export const WebflowCollectionSummary = z.object({
  id: z.string(),
  slug: z.string(),
  displayName: z.string(),
  fields: z.array(WebflowFieldSummary),
})
export type WebflowCollectionSummary = z.infer<typeof WebflowCollectionSummary>

export const FieldMapping = z.object({
  hubSlug: z.string(),
  webflowSlug: z.string(),
  type: HubFieldType,
  /** The field's name in Webflow now (it follows renames; the slug is what syncs). */
  webflowName: z.string().optional(),
  /** Webflow requires a value: creates without one wait, each with the reason. */
  required: z.boolean().optional(),
})

export const LinkCounts = z.object({
  synced: z.number(),
  pending: z.number(),
  failed: z.number(),
  conflict: z.number(),
})

export const LinkSummary = z.object({
  id: z.string(),
  hubCollectionId: z.string(),
  webflowCollectionId: z.string(),
  direction: LinkDirection,
  conflictPolicy: ConflictPolicy,
  deleteMode: DeleteMode,
  /** Bindery publishes the whole site after a push changed something (at most once a minute). */
  publishSite: z.boolean(),
  /** With publishSite: the custom domains too, not only the webflow.io subdomain. */
  publishCustomDomains: z.boolean(),
  state: LinkState,
  fields: z.array(FieldMapping),
  progress: z.object({ done: z.number(), total: z.number() }),
  counts: LinkCounts,
  lastSyncedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** How Webflow's schema changed under the link and what Bindery did ("Webflow's fields changed: …"). */
  schemaDrift: z.array(SchemaDrift).optional(),
  /** The latest reconcile: when it started, why, and how many drifted items it found (null before the first). */
  lastReconcile: z
    .object({
      at: z.string(),
      trigger: ReconcileTrigger,
      status: z.enum(['running', 'done', 'failed']),
      drift: z.number().int(),
    })
    .nullable()
    .optional(),
  /**
   * The site's Webflow locales, primary first: whether this link syncs each (the hub collection
   * carries its tag) and how many of its item versions wait for a push. Empty when unknown.
   */
  locales: z
    .array(
      z.object({
        tag: z.string(),
        displayName: z.string(),
        primary: z.boolean(),
        synced: z.boolean(),
        pending: z.number().int(),
      }),
    )
    .optional(),
  /** Items whose delete waits for a person (a mass delete held: `GET /admin/api/sites/:siteId/holds`). */
  heldDeletes: z.number().int().optional(),
})
export type LinkSummary = z.infer<typeof LinkSummary>

/** `GET /api/sites/:siteId/collections` */
export const SiteCollections = z.object({
  hub: z.array(HubCollectionSummary),
  webflow: z.array(WebflowCollectionSummary),
  links: z.array(LinkSummary),
})
export type SiteCollections = z.infer<typeof SiteCollections>

const common = {
  direction: LinkDirection.default('two-way'),
  conflictPolicy: ConflictPolicy.default('newest'),
  deleteMode: DeleteMode.default('delete'),
}

/**
 * `POST /api/sites/:siteId/links`: (a) publish a hub collection to Webflow, (b) import a Webflow
 * collection into the hub, (c) link an existing pair, matching items by slug. `fields` are the
 * optional fields to sync; name and slug always are.
 */
export const ConnectRequest = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('publish'),
    hubCollectionId: z.uuid(),
    fields: z.array(z.string()),
    /**
     * Consent to publish the whole site: a new collection goes live only with a site publish. Without
     * it the link reports that the site must be published once, and finishes when that happens.
     */
    publishSite: z.boolean().optional(),
    ...common,
  }),
  z.strictObject({
    mode: z.literal('import'),
    webflowCollectionId: z.string().min(1),
    fields: z.array(z.string()),
    /** Publish the whole site after a push changed something (at most once a minute). */
    publishSite: z.boolean().optional(),
    ...common,
  }),
  z.strictObject({
    mode: z.literal('link'),
    hubCollectionId: z.uuid(),
    webflowCollectionId: z.string().min(1),
    fields: z.array(FieldPair),
    /** Which side's values win for items found on both sides at the first sync. */
    firstMatchWinner: z.enum(['hub', 'webflow']),
    /** Publish the whole site after a push changed something (at most once a minute). */
    publishSite: z.boolean().optional(),
    ...common,
  }),
])
export type ConnectRequest = z.infer<typeof ConnectRequest>

/**
 * `PATCH /api/sites/:siteId/links/:linkId`: every choice of the wizard, editable later. Applied in
 * one transaction; a change that needs Webflow work (new fields, a re-push) queues it in the same one.
 */
export const UpdateLinkRequest = z.strictObject({
  /** Hub slugs to sync, each with the Webflow field of the same slug (created there when missing). */
  fields: z.array(z.string()).optional(),
  /** Or the pairing itself, where slugs differ (each pair must be compatible: `fieldCompatibility`). */
  fieldPairs: z.array(FieldPair).optional(),
  paused: z.boolean().optional(),
  direction: LinkDirection.optional(),
  conflictPolicy: ConflictPolicy.optional(),
  deleteMode: DeleteMode.optional(),
  /** Publish the whole site after a push changed something (at most once a minute). Default off. */
  publishSite: z.boolean().optional(),
  /** With publishSite: the site's custom domains too, not only the webflow.io subdomain. Default on. */
  publishCustomDomains: z.boolean().optional(),
})
export type UpdateLinkRequest = z.infer<typeof UpdateLinkRequest>

export const LinkParams = z.object({ siteId: z.string().min(1).max(64), linkId: z.uuid() })

/** `GET /api/sites/:siteId/links/:linkId/errors`: the latest failed items, with Webflow's message. */
export const LinkErrors = z.object({
  items: z.array(
    z.object({
      hubItemId: z.string(),
      slug: z.string(),
      name: z.string(),
      message: z.string(),
      at: z.string().nullable(),
      /** The item failed to sync and can be sent again (`POST …/items/:hubItemId/retry`); false: a skipped file. */
      retryable: z.boolean().optional(),
      webflowItemId: z.string().nullable().optional(),
    }),
  ),
})
export type LinkErrors = z.infer<typeof LinkErrors>

export const LinkItemParams = LinkParams.extend({ hubItemId: z.uuid() })

/**
 * 202 of `POST …/links/:linkId/items/:hubItemId/retry` (one failed item) and `POST …/links/:linkId/retry`
 * (every failed item of the link): the items are queued for the next push.
 */
export const RetryAccepted = z.object({ linkId: z.string(), items: z.number().int(), queuedAt: z.string() })
export type RetryAccepted = z.infer<typeof RetryAccepted>

/** `GET /api/sites/:siteId/webflow-items/:webflowItemId`: the item open on the canvas. */
export const ItemSyncState = z.object({
  linked: z.boolean(),
  linkId: z.string().nullable(),
  hubItemId: z.string().nullable(),
  name: z.string().nullable(),
  state: z.enum(['synced', 'pending', 'failed', 'conflict', 'not_linked']),
  lastPushedAt: z.string().nullable(),
  lastPulledAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Fields whose values differ between the two sides right now. */
  diff: z.array(z.object({ field: z.string(), hub: z.unknown(), webflow: z.unknown() })),
  /** The locale the diff compares (`?locale=` tag), null for the primary. */
  locale: z.string().nullable().optional(),
  /** Live in Webflow, with a newer staged version not live yet ("queued" or "changes in draft"). */
  changesNotLive: z.boolean().default(false),
})
export type ItemSyncState = z.infer<typeof ItemSyncState>

/** `?locale=fr-FR`: the item diff of the locale the Designer shows. */
export const ItemStateQuery = z.object({ locale: z.string().min(1).max(35).optional() })

/** One server-sent event on `GET /api/sites/:siteId/links/:linkId/events` (also the polling answer). */
export const LinkEvent = LinkSummary
