import type { ConnectRequest, DeleteMode, LinkSummary, SiteCollections } from '@bindery/shared/api/links'
import { type DraftPair, toFieldPairs } from '../../lib/field-pairs'

export type Mode = 'import' | 'publish' | 'link'
export type Step = 'start' | 'collection' | 'fields' | 'choices' | 'plan'
export const STEPS: Step[] = ['start', 'collection', 'fields', 'choices', 'plan']

export type Draft = {
  mode: Mode
  hubCollectionId: string
  webflowCollectionId: string
  firstMatchWinner: 'hub' | 'webflow'
  /** publish/import: the optional fields to sync, by slug. */
  fields: Set<string>
  /** link: hub field ↔ Webflow field, names may differ. */
  pairs: DraftPair[]
  direction: LinkSummary['direction']
  conflictPolicy: LinkSummary['conflictPolicy']
  deleteMode: DeleteMode
  publishSite: boolean
}

export const emptyDraft = (start?: Partial<Draft>): Draft => ({
  mode: 'import',
  hubCollectionId: '',
  webflowCollectionId: '',
  firstMatchWinner: 'webflow',
  fields: new Set(),
  pairs: [],
  direction: 'two-way',
  conflictPolicy: 'newest',
  deleteMode: 'delete',
  publishSite: false,
  ...start,
})

/** Collections not yet in a link: a collection syncs with one partner at a time. */
export function freeCollections(data: SiteCollections) {
  const linkedHub = new Set(data.links.map((l) => l.hubCollectionId))
  const linkedWf = new Set(data.links.map((l) => l.webflowCollectionId))
  return {
    hub: data.hub.filter((c) => !linkedHub.has(c.id)),
    webflow: data.webflow.filter((c) => !linkedWf.has(c.id)),
  }
}

export function collectionChosen(d: Draft): boolean {
  if (d.mode === 'import') return d.webflowCollectionId !== ''
  if (d.mode === 'publish') return d.hubCollectionId !== ''
  return d.hubCollectionId !== '' && d.webflowCollectionId !== ''
}

/** The request the wizard sends for a finished draft (the same body makes its plan). */
export function toRequest(d: Draft): ConnectRequest {
  const choices = {
    direction: d.direction,
    conflictPolicy: d.conflictPolicy,
    deleteMode: d.deleteMode,
    ...(d.publishSite ? { publishSite: true } : {}),
  }
  const fields = [...d.fields]
  if (d.mode === 'import')
    return { mode: 'import', webflowCollectionId: d.webflowCollectionId, fields, ...choices }
  if (d.mode === 'publish') return { mode: 'publish', hubCollectionId: d.hubCollectionId, fields, ...choices }
  return {
    mode: 'link',
    hubCollectionId: d.hubCollectionId,
    webflowCollectionId: d.webflowCollectionId,
    fields: toFieldPairs(d.pairs.filter((p) => p.hubSlug !== null && p.webflowSlug !== null)),
    firstMatchWinner: d.firstMatchWinner,
    ...choices,
  }
}
