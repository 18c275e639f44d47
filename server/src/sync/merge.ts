import type { ConflictPolicy } from '../db/links'
import type { FieldConflict, HubContent } from '../vocabulary/hub-content'
import { canonicalJson } from './content-hash'

export type MergeResult = { merged: HubContent; conflicts: FieldConflict[] }

/**
 * Field-level three-way merge against the last synced base: a field changed on one side wins; a
 * field changed differently on both sides follows the policy ('review' keeps the hub value and
 * reports the conflict, so nothing is overwritten until someone chooses).
 */
export function mergeContent(
  base: HubContent | null,
  hub: HubContent,
  webflow: HubContent,
  policy: ConflictPolicy,
  webflowIsNewer: boolean,
): MergeResult {
  const merged: HubContent = { name: hub.name, slug: hub.slug, status: hub.status, fields: {} }
  const conflicts: FieldConflict[] = []
  const pick = (key: string, b: unknown, h: unknown, w: unknown) => {
    const [bj, hj, wj] = [b, h, w].map((v) => canonicalJson(v ?? null))
    if (hj === wj || wj === bj) return h
    if (hj === bj) return w
    conflicts.push({ field: key, base: b ?? null, hub: h ?? null, webflow: w ?? null })
    if (policy === 'webflow' || (policy === 'newest' && webflowIsNewer)) return w
    return h
  }
  merged.name = pick('name', base?.name, hub.name, webflow.name) as string
  merged.slug = pick('slug', base?.slug, hub.slug, webflow.slug) as string
  merged.status = pick('status', base?.status, hub.status, webflow.status) as HubContent['status']
  const keys = new Set([
    ...Object.keys(hub.fields),
    ...Object.keys(webflow.fields),
    ...Object.keys(base?.fields ?? {}),
  ])
  for (const k of keys) {
    const v = pick(`fields.${k}`, base?.fields[k], hub.fields[k], webflow.fields[k])
    if (v !== undefined && v !== null) merged.fields[k] = v
  }
  return { merged, conflicts }
}
