import type { SiteCollections } from '@bindery/shared/api/links'
import { type Draft, freeCollections } from './wizard-state'

type Props = { data: SiteCollections; draft: Draft; onChange: (patch: Partial<Draft>) => void }

/** Step 2: the collection(s), and for a linked pair which side wins on first match. */
export function CollectionStep({ data, draft, onChange }: Props) {
  const free = freeCollections(data)
  const needsWebflow = draft.mode !== 'publish'
  const needsHub = draft.mode !== 'import'
  return (
    <div className="stack">
      {needsWebflow ? (
        <label className="control">
          <span className="control-label">Webflow collection</span>
          <select
            value={draft.webflowCollectionId}
            onChange={(e) => onChange({ webflowCollectionId: e.target.value, fields: new Set() })}
          >
            <option value="">Choose…</option>
            {free.webflow.map((c) => (
              <option key={c.id} value={c.id}>
                {c.displayName}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {needsHub ? (
        <label className="control">
          <span className="control-label">Hub collection</span>
          <select
            value={draft.hubCollectionId}
            onChange={(e) => onChange({ hubCollectionId: e.target.value, fields: new Set() })}
          >
            <option value="">Choose…</option>
            {free.hub.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {(needsWebflow ? free.webflow : free.hub).length === 0 ? (
        <p className="muted">Every {needsWebflow ? 'Webflow' : 'hub'} collection is already connected.</p>
      ) : null}
      {draft.mode === 'link' ? (
        <fieldset className="choices">
          <legend className="section-title">When an item exists on both sides</legend>
          {(['webflow', 'hub'] as const).map((side) => (
            <label key={side} className="choice">
              <input
                type="radio"
                name="first-match"
                value={side}
                checked={draft.firstMatchWinner === side}
                onChange={() => onChange({ firstMatchWinner: side })}
              />
              <span className="choice-title">
                {side === 'webflow' ? 'Keep Webflow’s values' : 'Keep the hub’s values'}
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}
    </div>
  )
}
