import type { Item, ItemUpdateRequest, LocaleContent } from '@bindery/shared/api/content'
import type { HubField } from '@bindery/shared/hub'
import { enqueue } from '../context/enqueue'
import { listCollectionLocales } from '../db/hub-collection-locales'
import type { HubCollection } from '../db/hub-collections'
import {
  getLocaleVersion,
  type LocaleVersion,
  listLocaleVersions,
  upsertLocaleVersions,
} from '../db/hub-item-locales'
import { type HubItem, lockLiveHubItem, touchHubItems } from '../db/hub-items'
import { markLocalesDirty } from '../db/item-link-locales'
import type { Queryable } from '../db/pool'
import { isLocalizable } from '../sync/locale-content'
import { badRequest, notFound } from '../vocabulary/app-error'
import { writeContentAudit } from './content-audit'
import { itemJson } from './content-json'
import { type ItemWriteContext, versionConflict, withoutNulls } from './item-write'
import { type FieldIssue, validateFields } from './validate-fields'

/** A 400 unless the collection carries this locale. */
export async function requireLocale(db: Queryable, collection: HubCollection, tag: string) {
  const tags = await listCollectionLocales(db, collection.id)
  if (!tags.includes(tag)) {
    throw badRequest(`the collection has no locale "${tag}"`, [
      { path: 'locale', message: `enabled: ${tags.join(', ') || 'none'}` },
    ])
  }
}

/**
 * Items as seen in one locale: name, slug and localizable fields from the locale version (or the
 * primary's when the locale has none), shared fields (images, files) from the item.
 */
export async function localizedJson(
  db: Queryable,
  collection: HubCollection,
  items: HubItem[],
  tag: string,
): Promise<Item[]> {
  const versions = new Map(
    (
      await listLocaleVersions(
        db,
        items.map((i) => i.id),
        tag,
      )
    ).map((v) => [v.hubItemId, v]),
  )
  return items.map((i) => view(collection.fields, i, versions.get(i.id), tag))
}

function view(schema: HubField[], item: HubItem, v: LocaleVersion | undefined, tag: string): Item {
  const base = itemJson(item)
  if (!v) return { ...base, locale: { tag, version: 0, fallback: true } }
  const fields: Record<string, unknown> = {}
  for (const f of schema) {
    const value = isLocalizable(f.type) ? v.fields[f.slug] : item.fields[f.slug]
    if (value !== undefined) fields[f.slug] = value
  }
  return { ...base, name: v.name, slug: v.slug, fields, locale: { tag, version: v.version, fallback: false } }
}

/** Checks locale content: only localizable fields, valid values. Issues are prefixed with `path`. */
async function checkLocale(
  ctx: ItemWriteContext,
  fields: Record<string, unknown>,
  path: string,
): Promise<{ values: Record<string, unknown>; issues: FieldIssue[] }> {
  const shared = ctx.collection.fields.filter((f) => !isLocalizable(f.type)).map((f) => f.slug)
  const issues: FieldIssue[] = Object.keys(fields)
    .filter((k) => shared.includes(k))
    .map((k) => ({ path: `${path}.${k}`, message: 'images and files are shared by every locale' }))
  const schema = ctx.collection.fields.filter((f) => isLocalizable(f.type))
  const rest = Object.fromEntries(Object.entries(fields).filter(([k]) => !shared.includes(k)))
  const checked = await validateFields(ctx.tx, schema, rest, { prefix: path, complete: false })
  return { values: checked.values, issues: [...issues, ...checked.issues] }
}

/** A partial write of one locale version (`PATCH …?locale=`); starts from the primary when missing. */
export async function updateLocale(
  ctx: ItemWriteContext,
  itemId: string,
  tag: string,
  patch: Omit<ItemUpdateRequest, 'version'>,
  expectedVersion?: number,
): Promise<Item> {
  await requireLocale(ctx.tx, ctx.collection, tag)
  const item = await lockLiveHubItem(ctx.tx, ctx.collection.id, itemId)
  if (!item) throw notFound('item')
  const current = await getLocaleVersion(ctx.tx, item.id, tag)
  if (expectedVersion !== undefined && expectedVersion !== (current?.version ?? 0)) {
    throw versionConflict(current?.version ?? 0)
  }
  const { values, issues } = await checkLocale(ctx, patch.fields ?? {}, 'fields')
  if (issues.length) throw badRequest('some field values are invalid', issues)
  const start = current ?? primaryPart(ctx.collection.fields, item)
  const next = {
    name: patch.name ?? start.name,
    slug: patch.slug ?? start.slug,
    fields: withoutNulls({ ...start.fields, ...values }),
  }
  if (
    current &&
    JSON.stringify([current.name, current.slug, current.fields]) ===
      JSON.stringify([next.name, next.slug, next.fields])
  ) {
    return view(ctx.collection.fields, item, current, tag)
  }
  await writeVersions(ctx, [{ itemId: item.id, tag, content: next }])
  const written = await getLocaleVersion(ctx.tx, item.id, tag)
  return view(ctx.collection.fields, item, written, tag)
}

/** Checks the `locales` of create/bulk bodies; `path(tag)` names where each came from. */
export async function checkLocales(
  ctx: ItemWriteContext,
  locales: Record<string, LocaleContent> | undefined,
  path: (tag: string) => string,
): Promise<FieldIssue[]> {
  if (!locales) return []
  const enabled = await listCollectionLocales(ctx.tx, ctx.collection.id)
  const issues: FieldIssue[] = []
  for (const [tag, c] of Object.entries(locales)) {
    if (!enabled.includes(tag))
      issues.push({ path: path(tag), message: `the collection has no locale "${tag}"` })
    else issues.push(...(await checkLocale(ctx, c.fields, `${path(tag)}.fields`)).issues)
  }
  return issues
}

/** Writes locale versions of items, marks them for push, and audits them, in the caller's transaction. */
export async function writeVersions(
  ctx: ItemWriteContext,
  ws: { itemId: string; tag: string; content: LocaleContent }[],
) {
  if (!ws.length) return
  const written = await upsertLocaleVersions(
    ctx.tx,
    ws.map((w) => ({
      hubItemId: w.itemId,
      tag: w.tag,
      ...w.content,
      fields: withoutNulls(w.content.fields),
    })),
  )
  await touchHubItems(
    ctx.tx,
    ws.map((w) => w.itemId),
  )
  const linkIds = await markLocalesDirty(
    ctx.tx,
    ctx.collection.id,
    ws.map((w) => ({ hubItemId: w.itemId, tag: w.tag })),
  )
  for (const linkId of linkIds) await enqueue(ctx, 'link-push', { linkId }, { tx: ctx.tx })
  await writeContentAudit(
    ctx.tx,
    ctx.correlationId,
    written.map((v) => ({
      action: 'item.locale.update',
      siteId: ctx.collection.siteId,
      subjectType: 'hub_item',
      subjectId: v.hubItemId,
      before: null,
      after: { locale: v.tag, name: v.name, slug: v.slug, fields: v.fields, version: v.version },
    })),
    ctx.actor,
  )
}

function primaryPart(schema: HubField[], item: HubItem) {
  const fields: Record<string, unknown> = {}
  for (const f of schema)
    if (isLocalizable(f.type) && item.fields[f.slug] !== undefined) fields[f.slug] = item.fields[f.slug]
  return { name: item.name, slug: item.slug, fields }
}
