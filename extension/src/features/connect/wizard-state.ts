import type { ConnectRequest, SiteCollections } from '@bindery/shared/api/links'

export type Mode = 'import' | 'publish' | 'link'
export type Step = 'direction' | 'collection' | 'fields' | 'confirm'
export const STEPS: Step[] = ['direction', 'collection', 'fields', 'confirm']

export type Draft = {
  mode: Mode
  hubCollectionId: string
  webflowCollectionId: string
  firstMatchWinner: 'hub' | 'webflow'
  fields: Set<string>
}

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

/** The request the wizard sends for a finished draft. */
export function toRequest(d: Draft): ConnectRequest {
  const fields = [...d.fields]
  if (d.mode === 'import')
    return {
      mode: 'import',
      webflowCollectionId: d.webflowCollectionId,
      fields,
      direction: 'two-way',
      conflictPolicy: 'newest',
      deleteMode: 'delete',
    }
  if (d.mode === 'publish')
    return {
      mode: 'publish',
      hubCollectionId: d.hubCollectionId,
      fields,
      direction: 'two-way',
      conflictPolicy: 'newest',
      deleteMode: 'delete',
    }
  return {
    mode: 'link',
    hubCollectionId: d.hubCollectionId,
    webflowCollectionId: d.webflowCollectionId,
    fields: fields.map((slug) => ({ hubSlug: slug, webflowSlug: slug })),
    firstMatchWinner: d.firstMatchWinner,
    direction: 'two-way',
    conflictPolicy: 'newest',
    deleteMode: 'delete',
  }
}
