import type { LinkSummary } from '@bindery/shared/api/links'
import type { ReconcileTrigger } from '@bindery/shared/api/reconcile'
import { countHeldItems } from '../db/delete-holds'
import { getSchemaState, type Link } from '../db/links'
import type { Queryable } from '../db/pool'
import { linkLocales } from './link-locales'

/** A link as the panel shows it: state, progress, how many items are in each sync state, the last reconcile. */
export async function linkSummary(db: Queryable, link: Link): Promise<LinkSummary> {
  const { rows } = await db.query<{ synced: number; pending: number; failed: number; conflict: number }>(
    `select count(*) filter (where sync_state = 'synced' and not dirty)::int as synced,
            count(*) filter (where dirty and sync_state not in ('failed', 'conflict'))::int as pending,
            count(*) filter (where sync_state = 'failed')::int as failed,
            count(*) filter (where sync_state = 'conflict')::int as conflict
     from item_links where link_id = $1`,
    [link.id],
  )
  const last = await db.query<{
    started_at: Date
    trigger: ReconcileTrigger
    status: 'running' | 'done' | 'failed'
    drift: number
  }>(
    `select started_at, trigger, status,
       (select coalesce(sum(value::int), 0)::int from jsonb_each_text(found)) as drift
     from drift_reports where link_id = $1 order by started_at desc, id desc limit 1`,
    [link.id],
  )
  const r = last.rows[0]
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
    counts: rows[0]!,
    lastSyncedAt: link.lastSyncedAt?.toISOString() ?? null,
    lastError: link.lastError,
    schemaDrift: schema.drift,
    lastReconcile: r
      ? { at: r.started_at.toISOString(), trigger: r.trigger, status: r.status, drift: r.drift }
      : null,
    locales: await linkLocales(db, link),
    heldDeletes: await countHeldItems(db, link.id),
  }
}
