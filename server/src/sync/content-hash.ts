import { createHash } from 'node:crypto'
import type { HubContent } from './field-map'

/**
 * The hash of an item's synced content in hub terms. Both sides are hashed after conversion to hub
 * terms, so Webflow echoing back what Bindery pushed hashes the same and changes nothing.
 */
export function contentHash(c: HubContent): string {
  return createHash('sha256').update(canonicalJson(c)).digest('hex').slice(0, 32)
}

/** JSON with sorted keys and without null/undefined members: a cleared field equals a missing one. */
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
