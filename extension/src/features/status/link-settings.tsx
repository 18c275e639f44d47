import type { LinkSummary, UpdateLinkRequest } from '@bindery/shared/api/links'
import { useState } from 'react'
import { ActionButton } from '../../components/action-button'
import { LinkChoiceFields } from '../../components/link-choice-fields'
import { Section } from '../../components/section'
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
        <LinkChoiceFields
          value={draft}
          onChange={patch}
          name="settings-"
          disabled={!canEdit}
          oneWayPolicy="disabled"
        />
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
