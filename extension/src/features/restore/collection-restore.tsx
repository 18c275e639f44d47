import { useState } from 'react'
import { ActionButton } from '../../components/action-button'
import { Notice } from '../../components/notice'
import { Section } from '../../components/section'
import { usePanel } from '../../lib/panel-context'
import { useRestoreCollection } from './api/restore-collection'

/** A local `datetime-local` value (no seconds) as an ISO instant. */
const toIso = (local: string) => new Date(local).toISOString()

/**
 * Put the whole collection back as it was at a point in time: hub first, then pushed; Webflow items
 * keep their ids. Asks once more before doing it, then says what changed.
 */
export function CollectionRestore({ linkId }: { linkId: string }) {
  const { designer } = usePanel()
  const restore = useRestoreCollection(linkId)
  const [at, setAt] = useState('')
  const [confirming, setConfirming] = useState(false)
  const valid = at !== '' && !Number.isNaN(Date.parse(at)) && Date.parse(at) < Date.now()
  const run = () =>
    restore.mutate(toIso(at), {
      onSuccess: (r) => {
        setConfirming(false)
        void designer.notify(
          'Success',
          `Restored: ${r.changed} changed back, ${r.undeleted} brought back, ${r.deleted} removed`,
        )
      },
      onError: (err) => void designer.notify('Error', err.message),
    })
  const result = restore.data
  return (
    <Section title="Restore the collection" testId="collection-restore">
      <div className="stack">
        <p className="muted">
          Puts every item back as it was at that moment: in the hub, then pushed to Webflow. Items created
          since are removed per the link’s delete setting.
        </p>
        <label className="control">
          <span className="control-label">As it was at</span>
          <input
            type="datetime-local"
            className="input"
            value={at}
            onChange={(e) => {
              setAt(e.target.value)
              setConfirming(false)
            }}
          />
        </label>
        {confirming ? (
          <Notice
            tone="warning"
            title="Restore the whole collection?"
            action={
              <div className="row">
                <ActionButton className="button button-danger" disabled={restore.isPending} onClick={run}>
                  {restore.isPending ? 'Restoring…' : 'Restore'}
                </ActionButton>
                <button type="button" className="button" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </div>
            }
          >
            <p>Every change since {new Date(at).toLocaleString()} is undone on both sides.</p>
          </Notice>
        ) : (
          <ActionButton
            className="button"
            disabled={!valid}
            title={valid ? undefined : 'Choose a moment in the past'}
            onClick={() => setConfirming(true)}
          >
            Restore to this point…
          </ActionButton>
        )}
        {result ? (
          <p data-testid="restore-result">
            {result.changed} changed back, {result.undeleted} brought back, {result.deleted} removed,{' '}
            {result.unchanged} unchanged
            {result.skipped.length ? `; ${result.skipped.length} skipped (${result.skipped[0]!.reason})` : ''}
            .
          </p>
        ) : null}
      </div>
    </Section>
  )
}
