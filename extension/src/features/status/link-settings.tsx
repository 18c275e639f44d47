import type { LinkSummary, UpdateLinkRequest } from '@bindery/shared/api/links'
import { useState } from 'react'
import { ActionButton } from '../../components/action-button'
import { ChoiceGroup } from '../../components/choice-group'
import { Section } from '../../components/section'
import { DELETE_MODES, DIRECTIONS, POLICIES, PUBLISH_SITE_NOTE } from '../../lib/link-choices'
import { usePanel } from '../../lib/panel-context'
import { useUpdateLink } from './api/update-link'

type Settings = Required<
  Pick<
    UpdateLinkRequest,
    'direction' | 'conflictPolicy' | 'deleteMode' | 'publishSite' | 'publishCustomDomains'
  >
>

const settingsOf = (l: LinkSummary): Settings => ({
  direction: l.direction,
  conflictPolicy: l.conflictPolicy,
  deleteMode: l.deleteMode,
  publishSite: l.publishSite,
  publishCustomDomains: l.publishCustomDomains,
})

/** Every choice of the wizard, editable later: direction, conflicts, deletes, the site publish. */
export function LinkSettings({ link }: { link: LinkSummary }) {
  const { canEdit, designer } = usePanel()
  const update = useUpdateLink(link.id)
  const saved = settingsOf(link)
  const [draft, setDraft] = useState<Settings>(saved)
  const changed = (Object.keys(saved) as (keyof Settings)[]).filter((k) => draft[k] !== saved[k])
  const patch = (p: Partial<Settings>) => setDraft((d) => ({ ...d, ...p }))
  const save = () =>
    update.mutate(Object.fromEntries(changed.map((k) => [k, draft[k]])) as UpdateLinkRequest, {
      onSuccess: () => void designer.notify('Success', 'Link settings saved'),
      onError: (err) => void designer.notify('Error', err.message),
    })
  return (
    <Section title="Settings" testId="settings">
      <div className="stack">
        <ChoiceGroup
          legend="Sync direction"
          name="settings-direction"
          choices={DIRECTIONS}
          value={draft.direction}
          onChange={(direction) => patch({ direction })}
          disabled={!canEdit}
        />
        <ChoiceGroup
          legend="When both sides changed the same field"
          name="settings-policy"
          choices={POLICIES}
          value={draft.conflictPolicy}
          onChange={(conflictPolicy) => patch({ conflictPolicy })}
          disabled={!canEdit || draft.direction !== 'two-way'}
        />
        <ChoiceGroup
          legend="When an item is deleted"
          name="settings-delete"
          choices={DELETE_MODES}
          value={draft.deleteMode}
          onChange={(deleteMode) => patch({ deleteMode })}
          disabled={!canEdit}
        />
        <fieldset className="choices" disabled={!canEdit}>
          <legend className="section-title">Site publish</legend>
          <label className="choice">
            <input
              type="checkbox"
              checked={draft.publishSite}
              onChange={(e) => patch({ publishSite: e.target.checked })}
            />
            <span>
              <span className="choice-title">Publish the site after sync</span>
              <span className="muted">{PUBLISH_SITE_NOTE}</span>
            </span>
          </label>
          <label className="choice">
            <input
              type="checkbox"
              checked={draft.publishCustomDomains}
              disabled={!draft.publishSite}
              onChange={(e) => patch({ publishCustomDomains: e.target.checked })}
            />
            <span>
              <span className="choice-title">Custom domains too</span>
              <span className="muted">Off: only the webflow.io subdomain is published.</span>
            </span>
          </label>
        </fieldset>
        <div className="row">
          <ActionButton
            className="button button-primary"
            disabled={changed.length === 0 || update.isPending}
            onClick={save}
          >
            {update.isPending ? 'Saving…' : 'Save settings'}
          </ActionButton>
          {changed.length > 0 ? (
            <button type="button" className="button" onClick={() => setDraft(saved)}>
              Undo changes
            </button>
          ) : null}
        </div>
      </div>
    </Section>
  )
}
