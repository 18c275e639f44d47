import type { Collection, Item } from '@bindery/shared/api/content'
import type { HubCollection } from '../db/hub-collections'
import type { HubItem } from '../db/hub-items'

/** The content API's view of a collection. */
export function collectionJson(c: HubCollection): Collection {
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    singularName: c.singularName,
    fields: c.fields,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  }
}

/** The content API's view of an item (also what audit rows store as before/after). */
export function itemJson(i: HubItem): Item {
  return {
    id: i.id,
    collectionId: i.collectionId,
    slug: i.slug,
    name: i.name,
    status: i.status,
    fields: i.fields,
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    deletedAt: i.deletedAt?.toISOString() ?? null,
  }
}
