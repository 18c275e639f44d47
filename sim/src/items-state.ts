import { type ItemVariant, type ItemVersion, versionSets } from './store.ts'

// The item state machine of docs/webflow.md, Item states (rules effective 2025-07-07):
//   Draft            lastPublished null, isDraft true
//   Queued           isDraft false, lastPublished null or older than lastUpdated → goes live on site publish
//   Published        isDraft false, live copy = staged
//   Changes in draft live copy exists, isDraft true, staged differs
// isDraft:true never unpublishes; only unpublish() (DELETE …/live) removes the live copy.
// A staged edit of a live item is "queued" by default (docs/webflow.md, Staged edits of live items);
// whether a publish moves lastUpdated is a switch (docs/webflow.md, Publishing items).

/** The two unconfirmed rules the state machine follows (RuntimeConfig switches). */
export interface StateRules {
  stagedEditOfLive: 'queued' | 'changesInDraft'
  publishBumpsLastUpdated: boolean
}

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
  rules: StateRules,
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
  if (live) publish(variant, now, rules)
  return variant
}

/**
 * A staged (CMS) edit. On a live item an edit without isDraft stays isDraft:false and is queued
 * (lastUpdated > lastPublished), or becomes "changes in draft" under `changesInDraft`.
 */
export function stagedUpdate(variant: ItemVariant, patch: ItemPatch, now: number, rules: StateRules): void {
  const s = variant.staged
  if (patch.fieldData) s.fieldData = { ...s.fieldData, ...patch.fieldData }
  if (patch.isArchived !== undefined) s.isArchived = patch.isArchived
  if (patch.isDraft !== undefined) s.isDraft = patch.isDraft
  else if (variant.live && rules.stagedEditOfLive === 'changesInDraft') s.isDraft = true
  s.lastUpdated = now
}

export function publish(variant: ItemVariant, now: number, rules: StateRules): void {
  const s = variant.staged
  s.isDraft = false
  s.lastPublished = now
  if (rules.publishBumpsLastUpdated) s.lastUpdated = now
  variant.live = copy(s)
  versionSets.revision++
}

/** Live PATCH: edits staged and live together. Caller rejects never-published items with 409. */
export function liveUpdate(variant: ItemVariant, patch: ItemPatch, now: number, rules: StateRules): void {
  stagedUpdate(variant, { ...patch, isDraft: false }, now, rules)
  publish(variant, now, rules)
}

export function unpublish(variant: ItemVariant, now: number): void {
  variant.live = null
  versionSets.revision++
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
