import type { ItemCreateRequest, ItemUpdateRequest } from '@bindery/shared/api/content'
import type { ItemStatus } from '@bindery/shared/hub'
import type { Boss } from '../context/boss'
import type { HubCollection } from '../db/hub-collections'
import {
  getHubItemBySlug,
  type HubItem,
  type HubItemWrite,
  insertHubItem,
  lockHubItem,
  lockLiveHubItem,
  softDeleteHubItem,
  updateHubItem,
} from '../db/hub-items'
import type { Tx } from '../db/pool'
import { sameContent } from '../sync/content-hash'
import { markDirty } from '../sync/mark-dirty'
import { restoreItem } from '../sync/restore-item'
import { AppError, badRequest, notFound } from '../vocabulary/app-error'
import { writeContentAudit } from './content-audit'
import { itemJson } from './content-json'
import { validateFields } from './validate-fields'

/** Everything one item write needs; the caller owns the transaction. */
export type ItemWriteContext = {
  tx: Tx
  boss: Boss
  collection: HubCollection
  correlationId: string
  /** Who writes (audit `actor`): `api-key:<name>`. */
  actor?: string
}

export const slugTaken = (slug: string) =>
  new AppError(409, 'conflict', `an item with slug "${slug}" already exists in this collection`, { slug })

export const versionConflict = (current: number) =>
  new AppError(409, 'version_conflict', `the item has changed: its current version is ${current}`, {
    currentVersion: current,
  })

export async function createItem(ctx: ItemWriteContext, input: ItemCreateRequest): Promise<HubItem> {
  const { values, issues } = await validateFields(ctx.tx, ctx.collection.fields, input.fields, {
    complete: true,
  })
  if (issues.length) throw badRequest('some field values are invalid', issues)
  if (await getHubItemBySlug(ctx.tx, ctx.collection.id, input.slug)) throw slugTaken(input.slug)
  const item = await withSlugGuard(input.slug, () =>
    insertHubItem(ctx.tx, ctx.collection.id, { ...input, fields: withoutNulls(values) }),
  )
  await recordWrite(ctx, 'item.create', undefined, item)
  return item
}

/**
 * A partial update: fields merge per key and `null` clears one. With `expectedVersion`, a stale
 * writer gets 409 and changes nothing; without, the last write wins. A write that changes nothing
 * keeps the version and pushes nothing.
 */
export async function updateItem(
  ctx: ItemWriteContext,
  itemId: string,
  patch: Omit<ItemUpdateRequest, 'version'>,
  expectedVersion?: number,
): Promise<HubItem> {
  const current = await lockForWrite(ctx, itemId, expectedVersion)
  let fields = current.fields
  if (patch.fields) {
    const { values, issues } = await validateFields(ctx.tx, ctx.collection.fields, patch.fields, {
      complete: false,
    })
    if (issues.length) throw badRequest('some field values are invalid', issues)
    fields = withoutNulls({ ...current.fields, ...values })
  }
  const next: HubItemWrite = {
    slug: patch.slug ?? current.slug,
    name: patch.name ?? current.name,
    status: current.status,
    fields,
  }
  if (next.slug !== current.slug) {
    const holder = await getHubItemBySlug(ctx.tx, ctx.collection.id, next.slug)
    if (holder && holder.id !== current.id) throw slugTaken(next.slug)
  }
  return write(ctx, 'item.update', current, next)
}

const STATUS_ACTION: Record<ItemStatus, string> = {
  published: 'item.publish',
  draft: 'item.unpublish',
  archived: 'item.archive',
}

/** publish → published, unpublish → draft, archive → archived; already there is a no-op. */
export async function setItemStatus(
  ctx: ItemWriteContext,
  itemId: string,
  status: ItemStatus,
  expectedVersion?: number,
): Promise<HubItem> {
  const current = await lockForWrite(ctx, itemId, expectedVersion)
  return write(ctx, STATUS_ACTION[status], current, { ...current, status })
}

/** Soft delete: the tombstone stays for sync consumers (`includeDeleted=true`) and the push. */
export async function deleteItem(ctx: ItemWriteContext, itemId: string, expectedVersion?: number) {
  const current = await lockForWrite(ctx, itemId, expectedVersion)
  const deleted = (await softDeleteHubItem(ctx.tx, current.id))!
  await recordWrite(ctx, 'item.delete', current, deleted)
  return deleted
}

/**
 * Restores a tombstone, which the push sends back to Webflow (a new Webflow item if the old one is
 * gone, never a duplicate). Restoring a live item changes nothing.
 */
export async function restoreDeletedItem(ctx: ItemWriteContext, itemId: string): Promise<HubItem> {
  const item = await lockHubItem(ctx.tx, ctx.collection.id, itemId)
  if (!item) throw notFound('item')
  const outcome = await restoreItem(ctx.tx, ctx.boss, item)
  if ('slugTaken' in outcome) {
    throw new AppError(
      409,
      'conflict',
      `another item has the slug "${outcome.slugTaken}" now: change its slug, then restore`,
      {
        slug: outcome.slugTaken,
      },
    )
  }
  if ('notDeleted' in outcome) return item
  await recordWrite(ctx, 'item.restore', outcome.before, outcome.restored)
  return outcome.restored
}

async function lockForWrite(ctx: ItemWriteContext, itemId: string, expectedVersion?: number) {
  const current = await lockLiveHubItem(ctx.tx, ctx.collection.id, itemId)
  if (!current) throw notFound('item')
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw versionConflict(current.version)
  }
  return current
}

async function write(ctx: ItemWriteContext, action: string, current: HubItem, next: HubItemWrite) {
  if (sameContent(current, next)) return current
  const updated = await withSlugGuard(next.slug, () => updateHubItem(ctx.tx, current.id, next))
  await recordWrite(ctx, action, current, updated!)
  return updated!
}

/** Marks the item for push on every active link and audits it, in the write's transaction. */
async function recordWrite(
  ctx: ItemWriteContext,
  action: string,
  before: HubItem | undefined,
  after: HubItem,
) {
  await markDirty(ctx.tx, ctx.boss, ctx.collection.id, [after.id])
  await writeContentAudit(
    ctx.tx,
    ctx.correlationId,
    [
      {
        action,
        siteId: ctx.collection.siteId,
        subjectType: 'hub_item',
        subjectId: after.id,
        before: before ? itemJson(before) : null,
        after: itemJson(after),
      },
    ],
    ctx.actor,
  )
}

/** Cleared fields are absent, not null: one representation of "no value". */
export function withoutNulls(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null))
}

/** A concurrent writer can take the slug between our check and our write: still a 409, never a 500. */
export async function withSlugGuard<T>(slug: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (isSlugViolation(err)) throw slugTaken(slug)
    throw err
  }
}

export function isSlugViolation(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string }
  return e?.code === '23505' && e.constraint === 'hub_items_collection_slug_idx'
}
