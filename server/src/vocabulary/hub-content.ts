import type { HubFieldType, ItemStatus } from '@bindery/shared/hub'

/**
 * The hub's content vocabulary that sync, reconcile, the panel and the table modules share: what an
 * item's synced content is, how a field maps to Webflow, where a Webflow item stands, what a conflict
 * holds. Types only; the decisions that use them live in sync/ and reconcile/.
 */

/** One synced field: the hub field, the Webflow field, and for selects the option ids by name. */
export type FieldMapEntry = {
  hubSlug: string
  webflowSlug: string
  webflowFieldId: string
  type: HubFieldType
  options?: Record<string, string>
  /** Former names of renamed Options → their (stable) id, so hub values still under an old name push. */
  optionAliases?: Record<string, string>
  /** Webflow's display name when last read; the slug is what syncs, the name is what people see. */
  webflowName?: string
  /** Webflow requires a value: nulls are not sent and creates without one are held (docs/webflow.md). */
  required?: boolean
}

/** An item's synced content in hub terms: what is hashed, merged and compared. */
export type HubContent = { name: string; slug: string; status: ItemStatus; fields: Record<string, unknown> }

/** Where a Webflow item stands, from its archived/draft flags and publish times (webflowStateOf). */
export type WebflowState =
  | 'archived'
  | 'published'
  | 'changes_in_draft'
  | 'changes_queued'
  | 'queued'
  | 'draft'

/** A field both sides changed differently since the base, with the three values. */
export type FieldConflict = { field: string; base: unknown; hub: unknown; webflow: unknown }
