import type { CollectionItem } from '@bindery/shared/webflow'
import type { HubRow } from '../db/item-links'
import { hubContentOf } from '../sync/push-plan'
import type { Drift, DriftScope, Repair } from './classify-drift'
import { driftOf, inSyncHands, sameApartFromStatus } from './drift-of'

/** What a Webflow item no item link knows is. */
export type UnknownItemVerdict =
  /** A hub item of that slug has its sync pending (a create in flight): the push settles it by slug. */
  | { kind: 'inFlight' }
  /**
   * A second Webflow item of a hub item that already has one (same slug, or Webflow's `-2` copy of
   * it with the same content); `keeps` is the item link whose own item stays.
   */
  | { kind: 'duplicate'; drift: Drift; keeps?: string }
  /** Same slug as a hub item with no Webflow item: pulled into that hub item (`adopts`). */
  | { kind: 'unlinkedMatch'; drift: Drift; adopts: string }
  /** New to the hub: imported when the link pulls. */
  | { kind: 'new'; drift: Drift }

export function classifyUnknownItem(scope: DriftScope, item: CollectionItem): UnknownItemVerdict {
  const { link, bySlug, snapshot } = scope
  const slug = item.fieldData.slug
  const sample = { webflowItemId: item.id, slug }
  const deleteIt: Repair = link.direction !== 'pull-only' ? { kind: 'deleteWebflow', item } : { kind: 'none' }
  const linkedElsewhere = (r: HubRow | undefined) =>
    !!r?.itemLink?.webflowItemId && snapshot.staged.has(r.itemLink.webflowItemId)
  const match = bySlug.get(slug)
  if (match && linkedElsewhere(match)) {
    return {
      kind: 'duplicate',
      keeps: match.itemLink!.id,
      drift: driftOf('duplicate', deleteIt, { ...sample, hubItemId: match.item.id }),
    }
  }
  if (match) {
    if (inSyncHands(match.itemLink)) return { kind: 'inFlight' }
    return {
      kind: 'unlinkedMatch',
      adopts: match.item.id,
      drift: driftOf(
        'missingInHub',
        { kind: 'pull', item, itemLink: null },
        { ...sample, hubItemId: match.item.id },
      ),
    }
  }
  const copyOf = suffixedCopyOf(slug, bySlug)
  if (
    copyOf &&
    linkedElsewhere(copyOf) &&
    sameApartFromStatus({ ...scope.content(item), slug: copyOf.item.slug }, hubContentOf(copyOf.item, link))
  ) {
    return {
      kind: 'duplicate',
      drift: driftOf('duplicate', deleteIt, { ...sample, hubItemId: copyOf.item.id }),
    }
  }
  const repair: Repair =
    link.direction !== 'push-only' ? { kind: 'pull', item, itemLink: null } : { kind: 'none' }
  return { kind: 'new', drift: driftOf('missingInHub', repair, sample) }
}

/** `post-2` → the row of `post`, the slug Webflow suffixes when a create repeats a taken slug. */
function suffixedCopyOf(slug: string, bySlug: Map<string, HubRow>): HubRow | undefined {
  const m = /^(.+)-(\d+)$/.exec(slug)
  return m ? bySlug.get(m[1]!) : undefined
}
