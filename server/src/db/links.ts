import type { SchemaDrift } from '@bindery/shared/api/schema-drift'
import type { FieldMapEntry } from '../sync/field-map'
import type { Queryable } from './pool'

export type LinkDirection = 'two-way' | 'push-only' | 'pull-only'
export type ConflictPolicy = 'newest' | 'hub' | 'webflow' | 'review'
export type LinkState = 'connecting' | 'syncing' | 'live' | 'paused' | 'error'
export type DeleteMode = 'delete' | 'archive' | 'hold'

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
    >
  >,
) {
  const columns: Record<string, unknown> = {
    state: patch.state,
    progress_done: patch.progressDone,
    progress_total: patch.progressTotal,
    last_error: patch.lastError,
    field_map: patch.fieldMap && JSON.stringify(patch.fieldMap),
    last_synced_at: patch.lastSyncedAt,
    webflow_collection_id: patch.webflowCollectionId,
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

/** What a link knows of its Webflow collection's schema (see reconcile/schema-check.ts). */
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

/** Sync stops for good; the data stays on both sides. */
export async function markDisconnected(db: Queryable, id: string) {
  await db.query(
    `update links set disconnected_at = now(), state = 'paused', updated_at = now() where id = $1`,
    [id],
  )
}
