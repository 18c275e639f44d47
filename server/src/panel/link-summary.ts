import type { LinkSummary } from '@bindery/shared/api/links'
import { countHeldItems } from '../db/delete-holds'
import { lastReconcileOf } from '../db/drift-reports'
import { countSyncStates } from '../db/item-links'
import { getSchemaState, type Link } from '../db/links'
import type { Queryable } from '../db/pool'
import { linkLocales } from './link-locales'

/** A link as the panel shows it: state, progress, how many items are in each sync state, the last reconcile. */
export async function linkSummary(db: Queryable, link: Link): Promise<LinkSummary> {
  const counts = await countSyncStates(db, link.id)
  const last = await lastReconcileOf(db, link.id)
  const schema = await getSchemaState(db, link.id)
  return {
    id: link.id,
    hubCollectionId: link.hubCollectionId,
    webflowCollectionId: link.webflowCollectionId,
    direction: link.direction,
    conflictPolicy: link.conflictPolicy,
    deleteMode: link.deleteMode,
    publishSite: link.publishSite,
    publishCustomDomains: link.publishCustomDomains,
    state: link.state,
    fields: link.fieldMap.map((f) => ({
      hubSlug: f.hubSlug,
      webflowSlug: f.webflowSlug,
      type: f.type,
      webflowName: f.webflowName,
      required: f.required,
    })),
    progress: { done: link.progressDone, total: link.progressTotal },
    counts,
    lastSyncedAt: link.lastSyncedAt?.toISOString() ?? null,
    lastError: link.lastError,
    schemaDrift: schema.drift,
    lastReconcile: last && { ...last, at: last.at.toISOString() },
    locales: await linkLocales(db, link),
    heldDeletes: await countHeldItems(db, link.id),
  }
}
