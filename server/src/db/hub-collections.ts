import type { HubField, HubFieldType } from '@bindery/shared/hub'
import type { Queryable } from './pool'

/** A hub collection with its custom fields in their order (`name` and `slug` are built in). */
export type HubCollection = {
  id: string
  siteId: string
  slug: string
  name: string
  singularName: string
  fields: HubField[]
  createdAt: Date
  updatedAt: Date
  deletedAt: Date | null
}

type CollectionRow = {
  id: string
  site_id: string
  slug: string
  name: string
  singular_name: string
  created_at: Date
  updated_at: Date
  deleted_at: Date | null
  fields: FieldRow[] | null
}

type FieldRow = {
  slug: string
  name: string
  type: HubFieldType
  required: boolean
  options: string[] | null
  reference_collection_id: string | null
}

// Fields come along as one json array per collection, so a list is one query.
const SELECT = `
  select c.id, c.site_id, c.slug, c.name, c.singular_name, c.created_at, c.updated_at, c.deleted_at,
    (select json_agg(json_build_object('slug', f.slug, 'name', f.name, 'type', f.type,
       'required', f.required, 'options', f.options, 'reference_collection_id', f.reference_collection_id)
       order by f.position, f.slug)
     from hub_fields f where f.collection_id = c.id) as fields
  from hub_collections c`

function toField(f: FieldRow): HubField {
  const field: HubField = { slug: f.slug, name: f.name, type: f.type, required: f.required }
  if (f.options) field.options = f.options
  if (f.reference_collection_id) field.referenceCollectionId = f.reference_collection_id
  return field
}

function toCollection(r: CollectionRow): HubCollection {
  return {
    id: r.id,
    siteId: r.site_id,
    slug: r.slug,
    name: r.name,
    singularName: r.singular_name,
    fields: (r.fields ?? []).map(toField),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  }
}

/** The live collection with this id on this site; another site's collection is not found. */
export async function getSiteCollection(
  db: Queryable,
  siteId: string,
  id: string,
  /** `share` for item writes (the schema holds still), `update` for schema changes and deletion. */
  opts: { lock?: 'share' | 'update' } = {},
) {
  const lock = opts.lock ? ` for ${opts.lock} of c` : ''
  const { rows } = await db.query<CollectionRow>(
    `${SELECT} where c.id = $1 and c.site_id = $2 and c.deleted_at is null${lock}`,
    [id, siteId],
  )
  return rows[0] && toCollection(rows[0])
}

export async function listSiteCollections(db: Queryable, siteId: string): Promise<HubCollection[]> {
  const { rows } = await db.query<CollectionRow>(
    `${SELECT} where c.site_id = $1 and c.deleted_at is null order by c.created_at, c.id`,
    [siteId],
  )
  return rows.map(toCollection)
}

/** Which of these ids are live collections of the site. */
export async function existingSiteCollectionIds(db: Queryable, siteId: string, ids: string[]) {
  if (!ids.length) return new Set<string>()
  const { rows } = await db.query<{ id: string }>(
    'select id from hub_collections where site_id = $1 and id = any($2::uuid[]) and deleted_at is null',
    [siteId, ids],
  )
  return new Set(rows.map((r) => r.id))
}

export async function collectionSlugTaken(db: Queryable, siteId: string, slug: string) {
  const { rowCount } = await db.query(
    'select 1 from hub_collections where site_id = $1 and slug = $2 and deleted_at is null',
    [siteId, slug],
  )
  return !!rowCount
}

export async function insertHubCollection(
  db: Queryable,
  siteId: string,
  c: { slug: string; name: string; singularName: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'insert into hub_collections (site_id, slug, name, singular_name) values ($1, $2, $3, $4) returning id',
    [siteId, c.slug, c.name, c.singularName],
  )
  return rows[0]!.id
}

export async function updateHubCollection(
  db: Queryable,
  id: string,
  c: { name: string; singularName: string },
) {
  await db.query(
    'update hub_collections set name = $2, singular_name = $3, updated_at = now() where id = $1',
    [id, c.name, c.singularName],
  )
}

export async function softDeleteHubCollection(db: Queryable, id: string) {
  await db.query('update hub_collections set deleted_at = now(), updated_at = now() where id = $1', [id])
}

/** Appends fields after the existing ones, in the given order. */
export async function insertHubFields(db: Queryable, collectionId: string, fields: HubField[]) {
  if (!fields.length) return
  await db.query(
    `insert into hub_fields (collection_id, slug, name, type, required, options, reference_collection_id, position)
     select $1, f ->> 'slug', f ->> 'name', f ->> 'type', (f ->> 'required')::boolean,
       (select array_agg(o) from jsonb_array_elements_text(nullif(f -> 'options', 'null')) o),
       (f ->> 'reference_collection_id')::uuid,
       coalesce((select max(position) + 1 from hub_fields where collection_id = $1), 0) + e.ord - 1
     from jsonb_array_elements($2::jsonb) with ordinality as e(f, ord)`,
    [
      collectionId,
      JSON.stringify(
        fields.map((f) => ({
          slug: f.slug,
          name: f.name,
          type: f.type,
          required: f.required,
          options: f.options ?? null,
          reference_collection_id: f.referenceCollectionId ?? null,
        })),
      ),
    ],
  )
}

export async function updateHubField(
  db: Queryable,
  collectionId: string,
  f: { slug: string; name: string; required: boolean; options: string[] | null },
) {
  await db.query(
    'update hub_fields set name = $3, required = $4, options = $5 where collection_id = $1 and slug = $2',
    [collectionId, f.slug, f.name, f.required, f.options],
  )
}

export async function deleteHubFields(db: Queryable, collectionId: string, slugs: string[]) {
  if (!slugs.length) return
  await db.query('delete from hub_fields where collection_id = $1 and slug = any($2::text[])', [
    collectionId,
    slugs,
  ])
}

/** Fields of other live collections that reference this one: they block its deletion. */
export async function referencingFields(db: Queryable, collectionId: string) {
  const { rows } = await db.query<{ collection_slug: string; field_slug: string }>(
    `select c.slug as collection_slug, f.slug as field_slug
     from hub_fields f join hub_collections c on c.id = f.collection_id
     where f.reference_collection_id = $1 and c.id <> $1 and c.deleted_at is null
     order by c.slug, f.slug`,
    [collectionId],
  )
  return rows.map((r) => `${r.collection_slug}.${r.field_slug}`)
}

/** Links that still use the collection (not disconnected): they block its deletion. */
export async function activeLinkIds(db: Queryable, collectionId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    'select id from links where hub_collection_id = $1 and disconnected_at is null',
    [collectionId],
  )
  return rows.map((r) => r.id)
}
