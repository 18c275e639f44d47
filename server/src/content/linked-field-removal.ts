import type { CollectionUpdateRequest } from '@bindery/shared/api/content'
import { appendAudit } from '../db/audit-log'
import type { HubCollection } from '../db/hub-collections'
import { type Link, listLinks, updateLink } from '../db/links'
import type { Queryable } from '../db/pool'
import { AppError } from '../vocabulary/app-error'

/**
 * Removing a hub field that a live link syncs would otherwise clear it in Webflow on the next push,
 * for every item at once. The caller must say what Webflow keeps (`onWebflow`), or gets a 409 naming
 * the fields and links. With `keep`, each link stops syncing the field (its field map loses it) and
 * Webflow's field and values stay as they are.
 */
export async function unmapRemovedFields(
  db: Queryable,
  collection: HubCollection,
  removed: string[],
  onWebflow: CollectionUpdateRequest['onWebflow'],
  correlationId: string,
): Promise<void> {
  if (!removed.length) return
  const links = (await listLinks(db, collection.siteId)).filter(
    (l) => l.hubCollectionId === collection.id && l.fieldMap.some((f) => removed.includes(f.hubSlug)),
  )
  if (!links.length) return
  if (!onWebflow) {
    const fields = [...new Set(links.flatMap(mappedOf(removed)))]
    throw new AppError(
      409,
      'conflict',
      `${fields.map((f) => `"${f}"`).join(', ')} synced to Webflow: send "onWebflow": "keep" to stop syncing (Webflow keeps its values)`,
      { fields, links: links.map((l) => l.id) },
    )
  }
  for (const link of links) {
    const fieldMap = link.fieldMap.filter((f) => !removed.includes(f.hubSlug))
    await updateLink(db, link.id, { fieldMap })
    await appendAudit(db, [
      {
        direction: 'content',
        action: 'link.unmap_fields',
        siteId: link.siteId,
        subjectType: 'link',
        subjectId: link.id,
        before: { fields: mappedOf(removed)(link) },
        after: { fields: [], onWebflow },
        correlationId,
      },
    ])
  }
}

const mappedOf = (removed: string[]) => (l: Link) =>
  l.fieldMap.filter((f) => removed.includes(f.hubSlug)).map((f) => f.hubSlug)
