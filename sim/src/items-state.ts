import type { ItemVariant, ItemVersion } from './store.ts'

// The item state machine of docs/webflow.md, Item states (rules effective 2025-07-07):
//   Draft            lastPublished null, isDraft true
//   Queued           isDraft false, lastPublished null or older than lastUpdated → goes live on site publish
//   Published        isDraft false, live copy = staged
//   Changes in draft live copy exists, isDraft true, staged differs
// isDraft:true never unpublishes; only unpublish() (DELETE …/live) removes the live copy.

export interface ItemPatch {
  isDraft?: boolean
  isArchived?: boolean
  fieldData?: Record<string, unknown>
}

const copy = (v: ItemVersion): ItemVersion => ({ ...v, fieldData: { ...v.fieldData } })

export function newVariant(
  cmsLocaleId: string,
  fieldData: Record<string, unknown>,
  flags: { isDraft?: boolean; isArchived?: boolean },
  now: number,
  live: boolean,
): ItemVariant {
  const staged: ItemVersion = {
    isArchived: flags.isArchived ?? false,
    // New items are drafts unless the request says isDraft:false ("queued to publish").
    isDraft: flags.isDraft ?? true,
    lastPublished: null,
    lastUpdated: now,
    createdOn: now,
    fieldData,
  }
  const variant: ItemVariant = { cmsLocaleId, staged, live: null }
  if (live) publish(variant, now)
  return variant
}

/** A staged (CMS) edit. On a live item an edit without isDraft becomes "changes in draft". */
export function stagedUpdate(variant: ItemVariant, patch: ItemPatch, now: number): void {
  const s = variant.staged
  if (patch.fieldData) s.fieldData = { ...s.fieldData, ...patch.fieldData }
  if (patch.isArchived !== undefined) s.isArchived = patch.isArchived
  if (patch.isDraft !== undefined) s.isDraft = patch.isDraft
  else if (variant.live) s.isDraft = true
  s.lastUpdated = now
}

export function publish(variant: ItemVariant, now: number): void {
  const s = variant.staged
  s.isDraft = false
  s.lastPublished = now
  s.lastUpdated = now
  variant.live = copy(s)
}

/** Live PATCH: edits staged and live together. Caller rejects never-published items with 409. */
export function liveUpdate(variant: ItemVariant, patch: ItemPatch, now: number): void {
  stagedUpdate(variant, { ...patch, isDraft: false }, now)
  publish(variant, now)
}

export function unpublish(variant: ItemVariant, now: number): void {
  variant.live = null
  variant.staged.isDraft = true
  variant.staged.lastPublished = null
  variant.staged.lastUpdated = now
}

/** Whether a full site publish should take this variant live. */
export function isQueued(variant: ItemVariant): boolean {
  const s = variant.staged
  if (s.isDraft || s.isArchived) return false
  return s.lastPublished === null || s.lastUpdated > s.lastPublished || variant.live === null
}
