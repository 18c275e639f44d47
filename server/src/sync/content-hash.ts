import { createHash } from 'node:crypto'
import type { HubContent } from '../vocabulary/hub-content'

/**
 * The hash of an item's synced content in hub terms. Both sides are hashed after conversion to hub
 * terms, so Webflow echoing back what Bindery pushed hashes the same and changes nothing.
 */
export function contentHash(c: HubContent): string {
  return createHash('sha256').update(canonicalJson(c)).digest('hex').slice(0, 32)
}

/**
 * Whether two items hold the same content. A hub item or a write carries it with more around; only
 * name, slug, status and fields count, the fields compared as canonical JSON (jsonb keeps no key
 * order, and a cleared value equals a missing one).
 */
export function sameContent(a: HubContent, b: HubContent): boolean {
  return (
    a.slug === b.slug &&
    a.name === b.name &&
    a.status === b.status &&
    canonicalJson(a.fields) === canonicalJson(b.fields)
  )
}

/**
 * JSON with sorted keys and without null/undefined members, at every depth: a cleared field equals
 * a missing one (the hub stores a cleared field as absent, see content/item-write.ts `withoutNulls`).
 * The one canonical form: hashes, merges, no-op writes and diffs all compare through it.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value))
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k]
      if (v !== null && v !== undefined) out[k] = normalise(v)
    }
    return out
  }
  return value
}
