import type { HubItemWrite } from '../db/hub-items'

/**
 * Whether a write would leave the item as it is. jsonb does not keep key order, so field values
 * are compared in a canonical form (keys sorted at every depth).
 */
export function sameContent(a: HubItemWrite, b: HubItemWrite): boolean {
  return (
    a.slug === b.slug &&
    a.name === b.name &&
    a.status === b.status &&
    canonical(a.fields) === canonical(b.fields)
  )
}

export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    )
  }
  return value
}
