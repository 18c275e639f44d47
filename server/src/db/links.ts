import type {
  ConflictPolicy as ConflictPolicySchema,
  DeleteMode,
  LinkDirection as LinkDirectionSchema,
  LinkState as LinkStateSchema,
} from '@bindery/shared/api/links'
import type { SchemaDrift } from '@bindery/shared/api/schema-drift'
import type { z } from 'zod'
import type { FieldMapEntry } from '../vocabulary/hub-content'
import type { Queryable } from './pool'

export type LinkDirection = z.infer<typeof LinkDirectionSchema>
export type ConflictPolicy = z.infer<typeof ConflictPolicySchema>
export type LinkState = z.infer<typeof LinkStateSchema>
export type { DeleteMode }

export type Link = {
  id: string
  siteId: string
  hubCollectionId: string
  webflowCollectionId: string
  direction: LinkDirection
  conflictPolicy: ConflictPolicy
  fieldMap: FieldMapEntry[]
  state: LinkState
  progressDone: number
  progressTotal: number
  lastError: string | null
  lastSyncedAt: Date | null
  createdAt: Date
  disconnectedAt: Date | null
  /** A new Webflow collection not yet live: items are created queued, published after a site publish. */
  awaitingSitePublish: boolean
  /** What a delete on one side does on the other (migration 0016). */
  deleteMode: DeleteMode
  publishSite: boolean
  publishCustomDomains: boolean
}

const COLUMNS = `id, site_id, hub_collection_id, webflow_collection_id, direction, conflict_policy, field_map, state,
  progress_done, progress_total, last_error, last_synced_at, created_at, disconnected_at, awaiting_site_publish,
  delete_mode, publish_site, publish_custom_domains`

// biome-ignore lint/suspicious/noExplicitAny: a raw row from pg
function toLink(r: any): Link {
  return {
    id: r.id,
    siteId: r.site_id,
    hubCollectionId: r.hub_collection_id,
    webflowCollectionId: r.webflow_collection_id,
    direction: r.direction,
    conflictPolicy: r.conflict_policy,
    fieldMap: r.field_map,
    state: r.state,
    progressDone: r.progress_done,
    progressTotal: r.progress_total,
    lastError: r.last_error,
    lastSyncedAt: r.last_synced_at,
    createdAt: r.created_at,
    disconnectedAt: r.disconnected_at,
    awaitingSitePublish: r.awaiting_site_publish,
    deleteMode: r.delete_mode,
    publishSite: r.publish_site,
    publishCustomDomains: r.publish_custom_domains,
  }
}

export async function getLink(db: Queryable, id: string): Promise<Link | undefined> {
  const { rows } = await db.query(`select ${COLUMNS} from links where id = $1`, [id])
  return rows[0] && toLink(rows[0])
}

/**
 * The active link of a Webflow collection on a site, if any. The site is part of the key: one
 * installation may serve a whole workspace, and a delivery naming site B never reaches site A's links.
 */
export async function getLinkByWebflowCollection(db: Queryable, siteId: string, webflowCollectionId: string) {
  const { rows } = await db.query(
    `select ${COLUMNS} from links where site_id = $1 and webflow_collection_id = $2 and disconnected_at is null`,
    [siteId, webflowCollectionId],
  )
  return rows[0] ? toLink(rows[0]) : undefined
}

export async function listLinks(db: Queryable, siteId: string): Promise<Link[]> {
  const { rows } = await db.query(
    `select ${COLUMNS} from links where site_id = $1 and disconnected_at is null order by created_at`,
    [siteId],
  )
  return rows.map(toLink)
}

export type NewLink = Pick<
  Link,
  'siteId' | 'hubCollectionId' | 'webflowCollectionId' | 'direction' | 'conflictPolicy' | 'fieldMap'
> &
  Partial<Pick<Link, 'deleteMode' | 'publishSite'>>

export async function insertLink(db: Queryable, l: NewLink): Promise<Link> {
  const { rows } = await db.query(
    `insert into links (site_id, hub_collection_id, webflow_collection_id, direction, conflict_policy, field_map,
       delete_mode, publish_site)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning ${COLUMNS}`,
    [
      l.siteId,
      l.hubCollectionId,
      l.webflowCollectionId,
      l.direction,
      l.conflictPolicy,
      JSON.stringify(l.fieldMap),
      l.deleteMode ?? 'delete',
      l.publishSite ?? false,
    ],
  )
  return toLink(rows[0])
}

export async function updateLink(
  db: Queryable,
  id: string,
  patch: Partial<
    Pick<
      Link,
      | 'state'
      | 'progressDone'
      | 'progressTotal'
      | 'lastError'
      | 'fieldMap'
      | 'lastSyncedAt'
      | 'webflowCollectionId'
      | 'conflictPolicy'
    >
  > & { publishSite?: boolean; publishCustomDomains?: boolean },
) {
  const columns: Record<string, unknown> = {
    state: patch.state,
    progress_done: patch.progressDone,
    progress_total: patch.progressTotal,
    last_error: patch.lastError,
    field_map: patch.fieldMap && JSON.stringify(patch.fieldMap),
    last_synced_at: patch.lastSyncedAt,
    webflow_collection_id: patch.webflowCollectionId,
    conflict_policy: patch.conflictPolicy,
    publish_site: patch.publishSite,
    publish_custom_domains: patch.publishCustomDomains,
  }
  const set = Object.entries(columns).filter(([, v]) => v !== undefined)
  if (!set.length) return
  await db.query(
    `update links set ${set.map(([k], i) => `${k} = $${i + 2}`).join(', ')}, updated_at = now() where id = $1`,
    [id, ...set.map(([, v]) => v)],
  )
}

/** The designer's choices of a link that are plain columns; only the given ones change. */
export type LinkSettings = Partial<
  Pick<Link, 'direction' | 'conflictPolicy' | 'deleteMode' | 'publishSite' | 'publishCustomDomains'>
>

export async function updateLinkSettings(db: Queryable, id: string, s: LinkSettings) {
  await db.query(
    `update links set direction = coalesce($2, direction), conflict_policy = coalesce($3, conflict_policy),
       delete_mode = coalesce($4, delete_mode), publish_site = coalesce($5, publish_site),
       publish_custom_domains = coalesce($6, publish_custom_domains), updated_at = now()
     where id = $1`,
    [
      id,
      s.direction ?? null,
      s.conflictPolicy ?? null,
      s.deleteMode ?? null,
      s.publishSite ?? null,
      s.publishCustomDomains ?? null,
    ],
  )
}

/** The Webflow fields a link saw at its last schema check, by field id: what "added" is measured against. */
export type KnownFields = Record<string, { slug: string; name: string; type: string; required: boolean }>

/** What a link knows of its Webflow collection's schema (see sync/check-link-schema.ts). */
export type SchemaState = {
  known: KnownFields | null
  drift: SchemaDrift[]
  checkedAt: Date | null
}

export async function getSchemaState(db: Queryable, linkId: string): Promise<SchemaState> {
  const { rows } = await db.query(
    'select schema_known, schema_drift, schema_checked_at from links where id = $1',
    [linkId],
  )
  const r = rows[0]
  return {
    known: r?.schema_known ?? null,
    drift: r?.schema_drift ?? [],
    checkedAt: r?.schema_checked_at ?? null,
  }
}

export async function saveSchemaState(
  db: Queryable,
  linkId: string,
  s: { known?: KnownFields; drift?: SchemaDrift[]; checked?: boolean },
) {
  await db.query(
    `update links set schema_known = coalesce($2, schema_known), schema_drift = coalesce($3, schema_drift),
       schema_checked_at = case when $4 then clock_timestamp() else schema_checked_at end, updated_at = now() where id = $1`,
    [
      linkId,
      s.known ? JSON.stringify(s.known) : null,
      s.drift ? JSON.stringify(s.drift) : null,
      s.checked ?? false,
    ],
  )
}

/** A new Webflow collection goes live with a site publish: Bindery's (with consent) or the user's. */
export async function awaitSitePublish(db: Queryable, id: string) {
  await db.query('update links set awaiting_site_publish = true where id = $1', [id])
}

/** Says on a link still waiting for a site publish that the site must be published once. */
export async function noteSitePublishNeeded(db: Queryable, id: string, message: string) {
  await db.query('update links set last_error = $2 where id = $1 and awaiting_site_publish', [id, message])
}

/**
 * The site was published: its active links stop waiting, and lose `message` as their error.
 * Returns the ids of the links that were waiting.
 */
export async function finishSitePublishWait(
  db: Queryable,
  siteId: string,
  message: string,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `update links set awaiting_site_publish = false,
       last_error = case when last_error = $2 then null else last_error end
     where site_id = $1 and awaiting_site_publish and disconnected_at is null returning id`,
    [siteId, message],
  )
  return rows.map((r) => r.id)
}

/** The link's "publish the site after sync" option. */
export async function linkPublishesSite(db: Queryable, linkId: string): Promise<boolean> {
  const { rows } = await db.query<{ publish_site: boolean }>('select publish_site from links where id = $1', [
    linkId,
  ])
  return rows[0]?.publish_site === true
}

/** Whether an active link of the site publishes the site with its custom domains. */
export async function siteWantsCustomDomains(db: Queryable, siteId: string): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from links where site_id = $1 and publish_site and publish_custom_domains and disconnected_at is null limit 1`,
    [siteId],
  )
  return rows.length > 0
}

/** Disconnects a link: sync stops, the data stays on both sides. */
export async function markDisconnected(db: Queryable, id: string) {
  await db.query(
    `update links set disconnected_at = now(), state = 'paused', updated_at = now() where id = $1`,
    [id],
  )
}

/** A resync asked for: the link shows `syncing` with its progress reset. Returns the database's now. */
export async function markResyncing(db: Queryable, id: string): Promise<Date> {
  const { rows } = await db.query<{ at: Date }>(
    `update links set state = 'syncing', progress_done = 0, progress_total = 0, updated_at = now()
     where id = $1 returning now() as at`,
    [id],
  )
  return rows[0]!.at
}

/**
 * Links due a scheduled reconcile: live (or in error) on a site not paused, whose last reconcile (or
 * creation) is older than `minutes`.
 */
export async function listDueForReconcile(db: Queryable, minutes: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select l.id from links l join sites s on s.id = l.site_id
     where l.disconnected_at is null and l.state in ('live', 'error') and not s.paused
       and greatest(l.created_at, (select max(d.started_at) from drift_reports d where d.link_id = l.id))
         < now() - make_interval(mins => $1)
     order by l.created_at`,
    [minutes],
  )
  return rows.map((r) => r.id)
}

/** Active links of a site that push to Webflow. */
export async function pushingLinksOfSite(db: Queryable, siteId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select id from links where site_id = $1 and disconnected_at is null and direction <> 'pull-only'`,
    [siteId],
  )
  return rows.map((r) => r.id)
}
