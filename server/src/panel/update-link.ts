import type { UpdateLinkRequest } from '@bindery/shared/api/links'
import { appendAudit } from '../db/audit-log'
import { getSiteCollection } from '../db/hub-collections'
import { markLinkedDirty } from '../db/item-links'
import { getLink, type Link, listLinks, markDisconnected, updateLink } from '../db/links'
import type { Db } from '../db/pool'
import { AppError, notFound } from '../http/app-error'
import type { JobContext } from '../jobs/job-context'
import { checkLinkSchema } from '../reconcile/schema-check'
import { buildFieldMap, webflowFieldFor } from '../sync/field-plan'
import type { WebflowApi } from '../webflow/webflow-client'

/**
 * Changes a link's field selection, pause state or conflict policy. A newly selected hub field that
 * Webflow lacks is created there; every item is then pushed again so the new field fills in.
 */
export async function changeLink(
  ctx: JobContext,
  wf: WebflowApi,
  link: Link,
  req: UpdateLinkRequest,
): Promise<Link> {
  if (req.fields) {
    const hub = await getSiteCollection(ctx.db, link.siteId, link.hubCollectionId)
    if (!hub) throw notFound('hub collection')
    const unknown = req.fields.filter((s) => !hub.fields.some((f) => f.slug === s))
    if (unknown.length) throw new AppError(400, 'validation_error', `unknown fields: ${unknown.join(', ')}`)
    let collection = await wf.getCollection(link.webflowCollectionId)
    // A field change is a moment to notice what the Designer changed (docs/webflow.md).
    await checkLinkSchema(ctx.db, wf, link, collection)
    const links = await listLinks(ctx.db, link.siteId)
    for (const f of hub.fields.filter((f) => req.fields!.includes(f.slug))) {
      if (collection.fields.some((w) => w.slug === f.slug)) continue
      await wf.createField(
        link.webflowCollectionId,
        webflowFieldFor(f, (id) => links.find((l) => l.hubCollectionId === id)?.webflowCollectionId),
      )
      collection = await wf.getCollection(link.webflowCollectionId)
    }
    const fieldMap = buildFieldMap(
      hub.fields
        .filter((f) => req.fields!.includes(f.slug))
        .map((f) => ({ hub: f, webflow: collection.fields.find((w) => w.slug === f.slug)! })),
    )
    const added = fieldMap.some((f) => !link.fieldMap.some((o) => o.hubSlug === f.hubSlug))
    await updateLink(ctx.db, link.id, { fieldMap })
    if (added) {
      await markLinkedDirty(ctx.db, link.id)
      await ctx.boss.send('link-push', { linkId: link.id }, { singletonKey: link.id })
    }
  }
  await updateLink(ctx.db, link.id, {
    conflictPolicy: req.conflictPolicy,
    publishSite: req.publishSite,
    publishCustomDomains: req.publishCustomDomains,
  })
  if (req.paused !== undefined) {
    await updateLink(ctx.db, link.id, { state: req.paused ? 'paused' : 'live' })
    if (!req.paused) await ctx.boss.send('link-push', { linkId: link.id }, { singletonKey: link.id })
  }
  await appendAudit(ctx.db, [
    {
      direction: 'admin',
      action: 'link.update',
      siteId: link.siteId,
      subjectType: 'link',
      subjectId: link.id,
      after: req,
    },
  ])
  return (await getLink(ctx.db, link.id))!
}

/** Disconnects a link: sync stops, and the data stays on both sides. */
export async function disconnectLink(db: Db, link: Link) {
  await markDisconnected(db, link.id)
  await appendAudit(db, [
    {
      direction: 'admin',
      action: 'link.disconnect',
      siteId: link.siteId,
      subjectType: 'link',
      subjectId: link.id,
    },
  ])
}
