import type { AppContext } from '../context/app-context'
import { enqueue } from '../context/enqueue'
import { appendAudit } from '../db/audit-log'
import { lockOpenConflict, markResolved } from '../db/conflicts'
import { getHubItem, updateHubItem } from '../db/hub-items'
import { markResolvedForPush, recordSynced } from '../db/item-links'
import { getLink } from '../db/links'
import { inTransaction } from '../db/pool'
import { badRequest, notFound } from '../vocabulary/app-error'
import type { HubContent } from '../vocabulary/hub-content'
import { canonicalJson, contentHash } from './content-hash'
import { hubContentOf } from './push-plan'

/** The whole item one way, or each conflicting field its own way. */
export type Resolution = { side: 'hub' | 'webflow' } | { fields: Record<string, 'hub' | 'webflow'> }

/**
 * Settles a conflict held for review. 'webflow' takes Webflow's values for the conflicting fields
 * into the hub; 'hub' keeps the hub's; per field, each conflicting field follows its choice (every
 * one must be chosen). Whatever the two sides still disagree on is then pushed.
 */
export async function resolveConflict(
  ctx: AppContext,
  siteId: string,
  conflictId: string,
  choice: Resolution,
  actor: string,
) {
  await inTransaction(ctx.db, async (tx) => {
    const conflict = await lockOpenConflict(tx, siteId, conflictId)
    if (!conflict) throw notFound('open conflict')
    const link = await getLink(tx, conflict.linkId)
    const hubItem = await getHubItem(tx, conflict.hubItemId)
    if (!link || !hubItem) throw notFound('conflict item')
    const current = hubContentOf(hubItem, link)
    const resolved: HubContent = structuredClone(current)
    const sideOf = choiceOf(
      conflict.fields.map((f) => f.field),
      choice,
    )
    for (const { field } of conflict.fields) {
      if (sideOf(field) === 'webflow') takeField(resolved, conflict.webflowContent, field)
    }
    const side = 'side' in choice ? choice.side : 'fields'
    let version = hubItem.version
    if (canonicalJson(resolved) !== canonicalJson(current)) {
      const fields = { ...hubItem.fields }
      for (const f of link.fieldMap) {
        if (resolved.fields[f.hubSlug] === undefined) delete fields[f.hubSlug]
        else fields[f.hubSlug] = resolved.fields[f.hubSlug]
      }
      const updated = await updateHubItem(tx, hubItem.id, { ...resolved, fields })
      version = updated?.version ?? version
    }
    await markResolved(tx, conflict.id, side)
    await appendAudit(tx, [
      {
        direction: 'admin',
        action: 'conflict.resolve',
        siteId,
        subjectType: 'hub_item',
        subjectId: hubItem.id,
        before: current,
        after: { side, ...('fields' in choice ? { fields: choice.fields } : {}), content: resolved },
        actor,
      },
    ])
    if (canonicalJson(resolved) === canonicalJson(conflict.webflowContent)) {
      await recordSynced(tx, link.id, 'pull', [
        {
          hubItemId: hubItem.id,
          webflowItemId: conflict.webflowItemId,
          hash: contentHash(resolved),
          base: resolved,
          webflowState:
            resolved.status === 'published'
              ? 'published'
              : resolved.status === 'archived'
                ? 'archived'
                : 'draft',
          webflowLastUpdated: conflict.webflowLastUpdated,
          version,
        },
      ])
    } else {
      await markResolvedForPush(tx, link.id, hubItem.id)
      await enqueue(ctx, 'link-push', { linkId: link.id }, { tx })
    }
  })
}

/** Which side each conflicting field takes; a per-field choice must name exactly the conflict's fields. */
function choiceOf(fields: string[], choice: Resolution): (field: string) => 'hub' | 'webflow' {
  if ('side' in choice) return () => choice.side
  const unknown = Object.keys(choice.fields).filter((f) => !fields.includes(f))
  const missing = fields.filter((f) => !(f in choice.fields))
  if (unknown.length || missing.length)
    throw badRequest('choose a side for every conflicting field, and only for those', {
      conflicting: fields,
      ...(unknown.length ? { unknown } : {}),
      ...(missing.length ? { missing } : {}),
    })
  return (f) => choice.fields[f]!
}

function takeField(into: HubContent, from: HubContent, field: string) {
  if (field === 'name' || field === 'slug') into[field] = from[field]
  else if (field === 'status') into.status = from.status
  else {
    const slug = field.replace(/^fields\./, '')
    if (from.fields[slug] === undefined) delete into.fields[slug]
    else into.fields[slug] = from.fields[slug]
  }
}
