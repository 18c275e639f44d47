import { ChoiceGroup } from '../../components/choice-group'
import { DELETE_MODES, DIRECTIONS, POLICIES, PUBLISH_SITE_NOTE } from '../../lib/link-choices'
import type { Draft } from './wizard-state'

type Props = { draft: Draft; onChange: (patch: Partial<Draft>) => void }

/** Step 4: which way edits flow, who wins a conflict, what a delete does, and the site publish. */
export function ChoicesStep({ draft, onChange }: Props) {
  return (
    <div className="stack">
      <ChoiceGroup
        legend="Sync direction"
        name="direction"
        choices={DIRECTIONS}
        value={draft.direction}
        onChange={(direction) => onChange({ direction })}
      />
      {draft.direction === 'two-way' ? (
        <ChoiceGroup
          legend="When both sides changed the same field"
          name="policy"
          choices={POLICIES}
          value={draft.conflictPolicy}
          onChange={(conflictPolicy) => onChange({ conflictPolicy })}
        />
      ) : null}
      <ChoiceGroup
        legend="When an item is deleted"
        name="delete-mode"
        choices={DELETE_MODES}
        value={draft.deleteMode}
        onChange={(deleteMode) => onChange({ deleteMode })}
      />
      <label className="choice">
        <input
          type="checkbox"
          checked={draft.publishSite}
          onChange={(e) => onChange({ publishSite: e.target.checked })}
        />
        <span>
          <span className="choice-title">Publish the site after sync</span>
          <span className="muted">{PUBLISH_SITE_NOTE}</span>
        </span>
      </label>
    </div>
  )
}
