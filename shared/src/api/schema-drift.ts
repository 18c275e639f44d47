import { z } from 'zod'

/**
 * Schema drift: how a linked Webflow collection's schema differs from the link's field map and the
 * hub collection. Webflow sends no webhook for schema edits, so Bindery reads the schema itself
 * (every reconcile, field change and field-related 400) and reports each difference with what it did.
 */
export const SchemaDriftKind = z.enum([
  /** A Webflow field the link did not know (not mapped). */
  'fieldAdded',
  /** A mapped field's display name changed; its slug (what syncs) did not. */
  'fieldRenamed',
  /** A mapped field is gone from Webflow. */
  'fieldDeleted',
  /** A mapped field is gone and a new field of that name appeared under another slug. */
  'fieldRecreated',
  /** A mapped field's Webflow type no longer matches the hub type. */
  'fieldTypeChanged',
  /** A Webflow field became required. */
  'fieldRequired',
  'optionAdded',
  'optionRenamed',
  'optionRemoved',
  /** A hub select option Webflow lacks: the Data API cannot add options, a designer must. */
  'hubOptionMissing',
  /** The Webflow collection itself is gone. */
  'collectionDeleted',
])
export type SchemaDriftKind = z.infer<typeof SchemaDriftKind>

/** What Bindery did about it. */
export const SchemaReaction = z.enum([
  /** The field map follows Webflow (a new name, a new option id). */
  'followed',
  /** The new Option was added to the hub select's options. */
  'hubOptionAdded',
  /** The field no longer syncs; hub values are kept and never pushed as null. */
  'unmapped',
  /** Waits for a person: re-map the field, recreate the collection, or disconnect. */
  'needsAction',
  /** Creates lacking a value for it are held, each with the reason. */
  'createsBlocked',
  /** Nothing to change; shown so someone knows. */
  'reported',
])
export type SchemaReaction = z.infer<typeof SchemaReaction>

export const SchemaDrift = z.object({
  kind: SchemaDriftKind,
  /** The Webflow field concerned (null for the collection). */
  webflowFieldId: z.string().nullable(),
  webflowSlug: z.string().nullable(),
  /** The hub field it is (or was) mapped to. */
  hubSlug: z.string().nullable(),
  /** The field's name as Webflow shows it now (or last showed it). */
  name: z.string(),
  /** One sentence a designer understands. */
  message: z.string(),
  reaction: SchemaReaction,
  /** fieldRecreated / fieldAdded: the Webflow field that could be mapped instead, for a one-click re-map. */
  candidateFieldId: z.string().nullable().optional(),
  option: z
    .object({ id: z.string().nullable(), name: z.string(), previousName: z.string().optional() })
    .optional(),
  at: z.string(),
})
export type SchemaDrift = z.infer<typeof SchemaDrift>

/** `POST …/links/:linkId/schema/remap`: map a hub field to a (recreated or added) Webflow field. */
export const RemapFieldRequest = z.strictObject({
  hubSlug: z.string().min(1).max(64),
  webflowFieldId: z.string().min(1).max(64),
})
export type RemapFieldRequest = z.infer<typeof RemapFieldRequest>

/** `POST …/links/:linkId/schema/recreate`: create the deleted Webflow collection again and re-push. */
export const RecreateCollectionAccepted = z.object({ linkId: z.string(), webflowCollectionId: z.string() })
export type RecreateCollectionAccepted = z.infer<typeof RecreateCollectionAccepted>
