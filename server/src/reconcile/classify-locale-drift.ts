import type { DriftClass } from '@bindery/shared/api/reconcile'

/** One locale version as both sides and the last sync have it, by content hash. */
export type LocaleVersionHashes = {
  /** The hub's version (its fallback to the primary when it has none). */
  hub: string
  /** Webflow's variant in that locale; null when Webflow lists none. */
  webflow: string | null
  /** What the last sync of this locale version recorded; null when it never synced. */
  synced: string | null
  /** A push of this version is pending: the sync's own business, not drift. */
  dirty: boolean
}

export type LocaleVerdict =
  | { kind: 'agree'; refresh: boolean }
  | { kind: 'skip' }
  /** `pull` merges Webflow's variant into the hub version; `push` rewrites Webflow's from the hub. */
  | { kind: 'drift'; cls: DriftClass; repair: 'pull' | 'push' | 'none' }

/**
 * Classifies one locale version (pure): which side moved since the last sync, and how the link's
 * direction lets it be repaired. Both moved, or never synced: merged by pulling (three-way, per the
 * link's policy), which pushes back what the hub keeps.
 */
export function classifyLocaleVersion(
  h: LocaleVersionHashes,
  direction: 'two-way' | 'push-only' | 'pull-only',
): LocaleVerdict {
  if (h.dirty) return { kind: 'skip' }
  // Webflow has no variant in this locale: it cannot be made by an update, so it is left alone.
  if (h.webflow === null) return { kind: 'skip' }
  if (h.webflow === h.hub) return { kind: 'agree', refresh: h.synced !== h.hub }
  const pulls = direction !== 'push-only'
  const pushes = direction !== 'pull-only'
  if (h.synced !== null && h.synced === h.webflow) {
    return { kind: 'drift', cls: 'changedInHub', repair: pushes ? 'push' : 'none' }
  }
  if (pulls) return { kind: 'drift', cls: 'changedInWebflow', repair: 'pull' }
  return { kind: 'drift', cls: 'changedInWebflow', repair: pushes ? 'push' : 'none' }
}
