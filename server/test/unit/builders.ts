import type { CollectionItem } from '@bindery/shared/webflow'
import type { HubItem } from '../../src/db/hub-items'
import type { HubRow, ItemLink } from '../../src/db/item-links'
import type { Link } from '../../src/db/links'
import type { FieldMapEntry, HubContent } from '../../src/vocabulary/hub-content'

// Plain objects for the pure decisions: what the database or Webflow would hand them, nothing read.

const T0 = new Date('2026-01-01T00:00:00.000Z')

/** A field map of the common kinds: text, rich text, a select, a reference, a multi-reference. */
export const FIELD_MAP: FieldMapEntry[] = [
  { hubSlug: 'summary', webflowSlug: 'summary', webflowFieldId: 'f-summary', type: 'text' },
  { hubSlug: 'body', webflowSlug: 'post-body', webflowFieldId: 'f-body', type: 'richText' },
  {
    hubSlug: 'colour',
    webflowSlug: 'colour',
    webflowFieldId: 'f-colour',
    type: 'select',
    options: { Red: 'opt-red', Blue: 'opt-blue' },
    optionAliases: { Crimson: 'opt-red' },
  },
  { hubSlug: 'author', webflowSlug: 'author', webflowFieldId: 'f-author', type: 'reference' },
  { hubSlug: 'tags', webflowSlug: 'tags', webflowFieldId: 'f-tags', type: 'multiReference' },
]

export function link(o: Partial<Link> = {}): Link {
  return {
    id: 'link-1',
    siteId: 'site-1',
    hubCollectionId: 'hub-col',
    webflowCollectionId: 'wf-col',
    direction: 'two-way',
    conflictPolicy: 'review',
    fieldMap: [FIELD_MAP[0]!],
    state: 'live',
    progressDone: 0,
    progressTotal: 0,
    lastError: null,
    lastSyncedAt: null,
    createdAt: T0,
    disconnectedAt: null,
    awaitingSitePublish: false,
    deleteMode: 'delete',
    publishSite: false,
    publishCustomDomains: false,
    ...o,
  }
}

export function hubItem(o: Partial<HubItem> = {}): HubItem {
  return {
    id: 'hub-1',
    collectionId: 'hub-col',
    slug: 'post',
    name: 'Post',
    status: 'draft',
    fields: { summary: 'Hello' },
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    deletedAt: null,
    ...o,
  }
}

export function itemLink(o: Partial<ItemLink> = {}): ItemLink {
  return {
    id: 'il-1',
    linkId: 'link-1',
    hubItemId: 'hub-1',
    webflowItemId: 'wf-1',
    syncState: 'synced',
    dirty: false,
    createSentAt: null,
    syncedHash: null,
    base: null,
    webflowState: 'draft',
    webflowLastUpdated: null,
    lastPushedAt: null,
    lastPulledAt: null,
    lastError: null,
    ...o,
  }
}

export function row(item: Partial<HubItem> = {}, il: Partial<ItemLink> | null = {}): HubRow {
  const hub = hubItem(item)
  return { item: hub, itemLink: il === null ? null : itemLink({ hubItemId: hub.id, ...il }) }
}

/** A Webflow item; `published` makes it live (published at its last update). */
export function webflowItem(
  o: { fieldData?: Record<string, unknown>; published?: boolean } & Omit<
    Partial<CollectionItem>,
    'fieldData'
  > = {},
): CollectionItem {
  const { published, fieldData, ...rest } = o
  return {
    id: 'wf-1',
    lastUpdated: T0.toISOString(),
    createdOn: T0.toISOString(),
    lastPublished: published ? T0.toISOString() : null,
    isArchived: false,
    isDraft: !published,
    fieldData: { name: 'Post', slug: 'post', summary: 'Hello', ...fieldData },
    ...rest,
  } as CollectionItem
}

export function content(o: Partial<HubContent> = {}): HubContent {
  return { name: 'Post', slug: 'post', status: 'draft', fields: {}, ...o }
}
