import type { AppContext } from '../context/app-context'
import { appendAudit } from '../db/audit-log'
import {
  type DirtyLocale,
  type LocaleSyncedRecord,
  listDirtyLocales,
  markLocaleFailed,
  recordLocaleSynced,
} from '../db/item-link-locales'
import { webflowIdsOf } from '../db/item-links'
import type { Link } from '../db/links'
import type { Queryable } from '../db/pool'
import { localesOfLink } from '../db/site-locales'
import { WebflowApiError } from '../webflow/webflow-api-error'
import type { ItemWrite, WebflowApi } from '../webflow/webflow-client'
import { contentHash } from './content-hash'
import { isLive, referencedIds, toWebflow } from './field-map'
import { localeContentOf, localizableMap } from './locale-content'
import { chunks } from './push-plan'

const ROUND = 1_000
const MAX_ROUNDS = 50

/** Every cmsLocaleId a link writes, primary first; null when it syncs the primary only. */
export async function linkLocaleIds(db: Queryable, link: Link): Promise<string[] | null> {
  const l = await localesOfLink(db, link.siteId, link.hubCollectionId)
  if (!l.primary || !l.secondary.length) return null
  return [l.primary, ...l.secondary.map((s) => s.cmsLocaleId)]
}

type Planned = { d: DirtyLocale; write: ItemWrite; hash: string; content: ReturnType<typeof localeContentOf> }

/**
 * Writes a link's dirty locale versions to Webflow: bulk PATCHes of up to 100 item versions, each
 * carrying its own `cmsLocaleId` (docs/webflow.md "Localization"), so one locale's text can only
 * reach that locale. Live items get a live PATCH. Runs after the primary push: an item must exist
 * in Webflow first. Returns how many versions were written.
 */
export async function pushLocales(ctx: AppContext, wf: WebflowApi, link: Link): Promise<number> {
  const l = await localesOfLink(ctx.db, link.siteId, link.hubCollectionId)
  const cmsOf = new Map(l.secondary.map((s) => [s.tag, s.cmsLocaleId]))
  const map = localizableMap(link.fieldMap)
  let written = 0
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const dirty = await listDirtyLocales(ctx.db, link.id, ROUND)
    if (!dirty.length) break
    const refs = await webflowIdsOf(
      ctx.db,
      referencedIds(
        map,
        dirty.map((d) => d.version?.fields),
        'hubSlug',
      ),
    )
    const live: Planned[] = []
    const staged: Planned[] = []
    const settled: LocaleSyncedRecord[] = []
    for (const d of dirty) {
      const cmsLocaleId = cmsOf.get(d.state.tag)
      const content = localeContentOf(d.item, d.version, map)
      const hash = contentHash(content)
      const record = { hubItemId: d.item.id, tag: d.state.tag, version: d.version?.version ?? 0 }
      // Not synced by this link, gone with its item, never written in the hub, or already there.
      if (!cmsLocaleId || d.item.deletedAt || !d.version || hash === d.state.syncedHash) {
        settled.push({
          ...record,
          hash: d.state.syncedHash ?? hash,
          base: d.state.base ?? content,
          webflowLastUpdated: null,
        })
        continue
      }
      const w = toWebflow(content, map, (id) => refs.get(id))
      if (w.errors.length) {
        await markLocaleFailed(ctx.db, link.id, d.item.id, d.state.tag, w.errors.join('; '))
        continue
      }
      const write: ItemWrite = { id: d.webflowItemId, cmsLocaleId, fieldData: w.fieldData }
      const isPublished = d.item.status === 'published' && isLive(d.webflowState)
      if (!isPublished)
        Object.assign(write, {
          isDraft: d.item.status !== 'published',
          isArchived: d.item.status === 'archived',
        })
      ;(isPublished ? live : staged).push({ d, write, hash, content })
    }
    await recordLocaleSynced(ctx.db, link.id, 'push', settled)
    for (const chunk of chunks(live)) written += await send(ctx, wf, link, chunk, true)
    for (const chunk of chunks(staged)) written += await send(ctx, wf, link, chunk, false)
  }
  return written
}

/** One bulk PATCH; a refused request is halved until the refused version is found and failed alone. */
async function send(
  ctx: AppContext,
  wf: WebflowApi,
  link: Link,
  chunk: Planned[],
  live: boolean,
): Promise<number> {
  if (!chunk.length) return 0
  let items: { id: string; cmsLocaleId?: string | null; lastUpdated: string }[]
  try {
    items = (
      await wf.updateItems(
        link.webflowCollectionId,
        chunk.map((p) => p.write),
        { live },
      )
    ).items
  } catch (err) {
    if (
      !(err instanceof WebflowApiError) ||
      (err.status !== 400 && err.status !== 404 && err.status !== 409)
    ) {
      throw err
    }
    if (chunk.length === 1) {
      const p = chunk[0]!
      await markLocaleFailed(ctx.db, link.id, p.d.item.id, p.d.state.tag, `${err.message} (${p.d.state.tag})`)
      return 0
    }
    const mid = Math.ceil(chunk.length / 2)
    return (
      (await send(ctx, wf, link, chunk.slice(0, mid), live)) +
      (await send(ctx, wf, link, chunk.slice(mid), live))
    )
  }
  const stamp = new Map(items.map((i) => [`${i.id}/${i.cmsLocaleId ?? ''}`, i.lastUpdated]))
  await recordLocaleSynced(
    ctx.db,
    link.id,
    'push',
    chunk.map((p) => ({
      hubItemId: p.d.item.id,
      tag: p.d.state.tag,
      hash: p.hash,
      base: p.content,
      webflowLastUpdated: stamp.get(`${p.write.id}/${p.write.cmsLocaleId}`) ?? null,
      version: p.d.version?.version ?? 0,
    })),
  )
  await appendAudit(
    ctx.db,
    chunk.map((p) => ({
      direction: 'push',
      action: 'webflow.update',
      siteId: link.siteId,
      subjectType: 'hub_item',
      subjectId: p.d.item.id,
      after: { locale: p.d.state.tag, fieldData: p.write.fieldData },
    })),
  )
  return chunk.length
}
