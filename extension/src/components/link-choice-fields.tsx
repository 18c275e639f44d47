import type { LinkSummary } from '@bindery/shared/api/links'
import { DELETE_MODES, DIRECTIONS, POLICIES, PUBLISH_SITE_NOTE } from '../lib/link-choices'
import { ChoiceGroup } from './choice-group'

export type LinkChoiceValues = Pick<
  LinkSummary,
  'direction' | 'conflictPolicy' | 'deleteMode' | 'publishSite'
> & {
  /** Shown (as "Custom domains too") only where the form edits it. */
  publishCustomDomains?: boolean
}

type Props<V extends LinkChoiceValues> = {
  value: V
  onChange: (patch: Partial<V>) => void
  /** Prefix of the radio groups' names, unique per form on the page. */
  name: string
  disabled?: boolean
  /** A one-way link has no conflicts: its policy is left out, or shown greyed out. */
  oneWayPolicy: 'hidden' | 'disabled'
}

/** A link's choices, as the wizard offers them and the settings edit them later. */
export function LinkChoiceFields<V extends LinkChoiceValues>({
  value,
  onChange,
  name,
  disabled,
  oneWayPolicy,
}: Props<V>) {
  const change = (patch: Partial<LinkChoiceValues>) => onChange(patch as Partial<V>)
  const twoWay = value.direction === 'two-way'
  return (
    <>
      <ChoiceGroup
        legend="Sync direction"
        name={`${name}direction`}
        choices={DIRECTIONS}
        value={value.direction}
        onChange={(direction) => change({ direction })}
        disabled={disabled}
      />
      {twoWay || oneWayPolicy === 'disabled' ? (
        <ChoiceGroup
          legend="When both sides changed the same field"
          name={`${name}policy`}
          choices={POLICIES}
          value={value.conflictPolicy}
          onChange={(conflictPolicy) => change({ conflictPolicy })}
          disabled={disabled || !twoWay}
        />
      ) : null}
      <ChoiceGroup
        legend="When an item is deleted"
        name={`${name}delete-mode`}
        choices={DELETE_MODES}
        value={value.deleteMode}
        onChange={(deleteMode) => change({ deleteMode })}
        disabled={disabled}
      />
      <fieldset className="choices" disabled={disabled}>
        <legend className="section-title">Site publish</legend>
        <label className="choice">
          <input
            type="checkbox"
            checked={value.publishSite}
            onChange={(e) => change({ publishSite: e.target.checked })}
          />
          <span>
            <span className="choice-title">Publish the site after sync</span>
            <span className="muted">{PUBLISH_SITE_NOTE}</span>
          </span>
        </label>
        {value.publishCustomDomains === undefined ? null : (
          <label className="choice">
            <input
              type="checkbox"
              checked={value.publishCustomDomains}
              disabled={!value.publishSite}
              onChange={(e) => change({ publishCustomDomains: e.target.checked })}
            />
            <span>
              <span className="choice-title">Custom domains too</span>
              <span className="muted">Off: only the webflow.io subdomain is published.</span>
            </span>
          </label>
        )}
      </fieldset>
    </>
  )
}
