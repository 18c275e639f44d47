import type {
  HubCollectionSummary,
  LinkSummary,
  UpdateLinkRequest,
  WebflowCollectionSummary,
} from '@bindery/shared/api/links'
import { useState } from 'react'
import { FieldPairing } from '../../components/field-pairing'
import { type DraftPair, initialPairs, pairProblem, toFieldPairs } from '../../lib/field-pairs'

type Props = {
  link: LinkSummary
  hub: HubCollectionSummary | undefined
  webflow: WebflowCollectionSummary | undefined
  onReview: (change: UpdateLinkRequest) => void
  onCancel: () => void
}

/** Change which fields a link syncs and how they pair; the plan comes next, then Apply. */
export function FieldEditor({ link, hub, webflow, onReview, onCancel }: Props) {
  const [pairs, setPairs] = useState<DraftPair[]>(() => initialPairs(hub, webflow, link.fields))
  const blocked = pairs.some((p) => pairProblem(p, hub, webflow) !== null)
  const review = () => {
    const complete = toFieldPairs(pairs)
    // Same slugs on both sides: the plain list (missing Webflow fields are created); else the pairs.
    onReview(
      complete.every((p) => p.hubSlug === p.webflowSlug)
        ? { fields: complete.map((p) => p.hubSlug) }
        : { fieldPairs: complete },
    )
  }
  return (
    <div className="stack">
      <FieldPairing hub={hub} webflow={webflow} pairs={pairs} onChange={setPairs} allowCreate />
      <div className="row">
        <button type="button" className="button button-primary" onClick={review} disabled={blocked}>
          Review the plan
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  )
}
