import type { CollectionItem } from '@bindery/shared/webflow'
import type { SimContext } from './context.ts'
import { WebflowApiError } from './errors.ts'

// How multi-item requests answer, per the unconfirmed points of docs/webflow.md, Multi-item writes.

/** The answer of a multi-item create: `{items}` in request or reversed order, or only one item. */
export function multiCreateAnswer(ctx: SimContext, items: CollectionItem[]): unknown {
  const ordered = ctx.config.multiCreateOrder === 'reversed' ? [...items].reverse() : items
  return ctx.config.multiCreateAnswer === 'single' ? ordered[0] : { items: ordered }
}

/** Runs a multi-item write; under `bulkErrorParam: plain` a 400 names `slug`, not `items[i].fieldData.slug`. */
export function withBulkErrors<T>(ctx: SimContext, run: () => T): T {
  try {
    return run()
  } catch (err) {
    if (!(err instanceof WebflowApiError) || ctx.config.bulkErrorParam === 'indexed') throw err
    const details = err.details.map((d) =>
      typeof d === 'string' ? d : { ...d, param: d.param?.replace(/^items\[\d+\]\.(fieldData\.)?/, '') },
    )
    throw new WebflowApiError(err.statusCode, err.code, err.message, details, err.headers)
  }
}
