import type { SchemaDrift } from '@bindery/shared/api/schema-drift'
import type { Collection } from '@bindery/shared/webflow'
import { appendAudit } from '../db/audit-log'
import { getSiteCollection, updateHubField } from '../db/hub-collections'
import { clearSelectValues } from '../db/hub-items'
import { forgetBaseValues } from '../db/item-links'
import { getLink, getSchemaState, type Link, saveSchemaState, updateLink } from '../db/links'
import type { Queryable } from '../db/pool'
import { WebflowApiError } from '../webflow/webflow-api-error'
import type { WebflowApi } from '../webflow/webflow-client'
import { compareSchema, type Found, type SchemaCheck } from './compare-schema'

/** Kinds that describe how things are now: recomputed by every check rather than kept until dismissed. */
const CONDITIONS = new Set(['hubOptionMissing', 'collectionDeleted'])
const KEEP = 50

export type SchemaOutcome = { link: Link; found: SchemaDrift[]; collectionGone: boolean }

/**
 * Reads the Webflow collection's schema (one request), compares it with the link's field map and
 * hub collection, and applies the safe reactions: the field map follows renames and new Option ids,
 * new Options join the hub select, deleted or retyped fields stop syncing (hub values kept), a
 * deleted collection puts the link in `error`. Every reaction is in the audit log.
 */
export async function checkLinkSchema(
  db: Queryable,
  wf: WebflowApi,
  link: Link,
  read?: Collection,
): Promise<SchemaOutcome> {
  const webflow =
    read ??
    (await wf.getCollection(link.webflowCollectionId).catch((err): Collection | null => {
      if (WebflowApiError.notFound(err)) return null
      throw err
    }))
  const hub = await getSiteCollection(db, link.siteId, link.hubCollectionId)
  const state = await getSchemaState(db, link.id)
  const check = compareSchema({
    map: link.fieldMap,
    hubFields: hub?.fields ?? [],
    webflow,
    known: state.known,
  })
  const at = new Date().toISOString()
  const found = check.drifts.map((d) => ({ ...d, at }))
  await react(db, link, check, hub ? { id: hub.id, fields: hub.fields } : null)
  await saveSchemaState(db, link.id, {
    known: webflow ? check.known : undefined,
    drift: merge(state.drift, found),
    checked: true,
  })
  // An event is found once (the map absorbs it); a condition is news only when it appears.
  const fresh = found.filter(
    (d) => !CONDITIONS.has(d.kind) || !state.drift.some((o) => keyOf(o) === keyOf(d)),
  )
  if (fresh.length) {
    await appendAudit(
      db,
      fresh.map((d) => ({
        direction: 'system' as const,
        action: `schema.${d.kind}`,
        siteId: link.siteId,
        subjectType: 'link',
        subjectId: link.id,
        after: d,
      })),
    )
  }
  return { link: (await getLink(db, link.id))!, found, collectionGone: webflow === null }
}

async function react(
  db: Queryable,
  link: Link,
  check: SchemaCheck,
  hub: { id: string; fields: { slug: string; name: string; required: boolean; options?: string[] }[] } | null,
) {
  if (check.drifts.some((d) => d.kind === 'collectionDeleted')) {
    await updateLink(db, link.id, {
      state: 'error',
      lastError: 'The Webflow collection was deleted: recreate it in Webflow or disconnect the link.',
    })
    return
  }
  if (JSON.stringify(check.fieldMap) !== JSON.stringify(link.fieldMap)) {
    await updateLink(db, link.id, { fieldMap: check.fieldMap })
  }
  if (link.direction !== 'push-only' && hub) await followRemovedOptions(db, link, hub.id, check)
  for (const h of check.hubOptions) {
    const field = hub?.fields.find((f) => f.slug === h.hubSlug)
    if (!hub || !field) continue
    const renamed = (field.options ?? []).map((o) => h.rename.find((r) => r.from === o)?.to ?? o)
    const options = [...new Set([...renamed, ...h.add])]
    await updateHubField(db, hub.id, { ...field, options })
  }
}

/**
 * Webflow clears the items holding a removed Option [unconfirmed; see docs/webflow.md]: on a link
 * that pulls, the hub follows, as it would any Webflow edit, so no stale name is pushed back.
 */
async function followRemovedOptions(db: Queryable, link: Link, hubCollectionId: string, check: SchemaCheck) {
  for (const d of check.drifts) {
    if (d.kind !== 'optionRemoved' || !d.hubSlug || !d.option) continue
    const cleared = await clearSelectValues(db, hubCollectionId, d.hubSlug, [d.option.name])
    await forgetBaseValues(db, link.id, d.hubSlug, [d.option.name])
    await appendAudit(
      db,
      cleared.map((c) => ({
        direction: 'pull' as const,
        action: 'hub.update',
        siteId: link.siteId,
        subjectType: 'hub_item',
        subjectId: c.id,
        before: { [d.hubSlug!]: c.value },
        after: { [d.hubSlug!]: null },
        correlationId: `schema:${link.id}`,
      })),
    )
  }
}

/** Open schema drift of a link: conditions as of now, events kept (newest last) until resolved. */
function merge(previous: SchemaDrift[], found: SchemaDrift[]): SchemaDrift[] {
  const kept = previous.filter((d) => !CONDITIONS.has(d.kind) && !found.some((f) => keyOf(f) === keyOf(d)))
  return [...kept, ...found].slice(-KEEP)
}

export function keyOf(d: Pick<Found, 'kind' | 'webflowFieldId' | 'option'>): string {
  return `${d.kind}:${d.webflowFieldId ?? ''}:${d.option?.id ?? d.option?.name ?? ''}`
}

/** Whether the schema was read after `moment`; keeps per-item triggers from re-reading it. */
export async function checkedSince(db: Queryable, linkId: string, moment: Date): Promise<boolean> {
  const { checkedAt } = await getSchemaState(db, linkId)
  return checkedAt !== null && checkedAt.getTime() > moment.getTime()
}
