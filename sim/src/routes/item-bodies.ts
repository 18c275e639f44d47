import { validationError } from '../errors.ts'

// Shapes shared by the staged and live item routes.

export type CollectionParams = { Params: { collectionId: string } }
export type ItemParams = {
  Params: { collectionId: string; itemId: string }
  Querystring: { cmsLocaleId?: string }
}

export const maxBatch = 100

export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw validationError([{ param: 'body', description: 'Expected a JSON object' }])
  }
  return body as Record<string, unknown>
}

/** `{items:[…]}` with 1–100 entries (bulk update/delete/unpublish, multi create). */
export function itemsArray(body: Record<string, unknown>): unknown[] {
  const items = body.items
  if (!Array.isArray(items) || items.length === 0) {
    throw validationError([{ param: 'items', description: 'Expected a non-empty array' }])
  }
  if (items.length > maxBatch) {
    throw validationError([{ param: 'items', description: `At most ${maxBatch} items per request` }])
  }
  return items
}

export function refsOf(items: unknown[]): { id: unknown; cmsLocaleIds?: unknown }[] {
  return items.map((entry, i) => {
    if (typeof entry !== 'object' || entry === null) {
      throw validationError([{ param: `items[${i}]`, description: 'Expected {id}' }])
    }
    const e = entry as Record<string, unknown>
    return { id: e.id, cmsLocaleIds: e.cmsLocaleIds ?? (e.cmsLocaleId ? [e.cmsLocaleId] : undefined) }
  })
}

/** Query `skipInvalidFiles` of item creates and updates: true unless `false` (docs/webflow.md). */
export function skipInvalidFiles(query: unknown): boolean {
  return (query as { skipInvalidFiles?: string } | undefined)?.skipInvalidFiles !== 'false'
}
