import type { SiteCollections } from '@bindery/shared/api/links'
import { ChoiceGroup } from '../../components/choice-group'
import { FIRST_MATCH } from '../../lib/link-choices'
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
            onChange={(e) => onChange({ webflowCollectionId: e.target.value, fields: new Set(), pairs: [] })}
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
            onChange={(e) => onChange({ hubCollectionId: e.target.value, fields: new Set(), pairs: [] })}
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
        <ChoiceGroup
          legend="When an item exists on both sides at the first sync"
          name="first-match"
          choices={FIRST_MATCH}
          value={draft.firstMatchWinner}
          onChange={(firstMatchWinner) => onChange({ firstMatchWinner })}
        />
      ) : null}
    </div>
  )
}
