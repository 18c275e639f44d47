import type { ConflictSummary } from '@bindery/shared/api/conflicts'
import { useState } from 'react'
import { ActionButton } from '../../components/action-button'
import { Section } from '../../components/section'
import { formatTime } from '../../lib/format-time'
import { usePanel } from '../../lib/panel-context'
import { showValue } from '../../lib/show-value'
import { useConflicts } from './api/get-conflicts'
import { useResolveConflict } from './api/resolve-conflict'

type Side = 'hub' | 'webflow'

/** Items held for review: both sides per field, "Keep hub" / "Keep Webflow", or a side per field. */
export function ConflictList({ linkId, count }: { linkId: string; count: number }) {
  const { data, error } = useConflicts(linkId)
  const conflicts = data?.conflicts.filter((c) => c.linkId === linkId) ?? []
  const shown = data ? conflicts.length : count
  return (
    <Section
      title="Conflicts held for review"
      count={shown}
      tone="yellow"
      open={shown > 0}
      testId="conflicts"
    >
      {error ? <p className="text-error">Could not load the conflicts: {error.message}</p> : null}
      {data && conflicts.length === 0 ? <p className="muted">No item waits for a decision.</p> : null}
      {conflicts.map((c) => (
        <ConflictCard key={c.id} linkId={linkId} conflict={c} />
      ))}
    </Section>
  )
}

function ConflictCard({ linkId, conflict }: { linkId: string; conflict: ConflictSummary }) {
  const { designer } = usePanel()
  const resolve = useResolveConflict(linkId)
  const [picked, setPicked] = useState<Record<string, Side>>({})
  const perField = conflict.fields.length > 1
  const allPicked = conflict.fields.every((f) => picked[f.field])
  const label = conflict.name ?? conflict.slug ?? conflict.hubItemId

  const send = (body: { side: Side } | { fields: Record<string, Side> }, what: string) =>
    resolve.mutate(
      { conflictId: conflict.id, body },
      {
        onSuccess: () => void designer.notify('Success', `${label}: ${what}`),
        onError: (err) => void designer.notify('Error', err.message),
      },
    )

  return (
    <article className="card stack" data-testid="conflict" aria-label={`Conflict on ${label}`}>
      <div className="row row-spread">
        <span className="list-name">{label}</span>
        <span className="muted">{formatTime(conflict.createdAt)}</span>
      </div>
      <table className="diff" aria-label={`Both sides of ${label}`}>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Hub</th>
            <th scope="col">Webflow</th>
          </tr>
        </thead>
        <tbody>
          {conflict.fields.map((f) => (
            <tr key={f.field} data-testid="conflict-field">
              <th scope="row">{f.field}</th>
              {(['hub', 'webflow'] as const).map((side) => (
                <td key={side}>
                  {perField ? (
                    <label className="pick">
                      <input
                        type="radio"
                        name={`${conflict.id}-${f.field}`}
                        checked={picked[f.field] === side}
                        onChange={() => setPicked((p) => ({ ...p, [f.field]: side }))}
                        aria-label={`${f.field}: keep ${side === 'hub' ? 'the hub' : 'Webflow'}’s value`}
                      />{' '}
                      {showValue(f[side])}
                    </label>
                  ) : (
                    showValue(f[side])
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row row-wrap">
        <ActionButton
          className="button"
          disabled={resolve.isPending}
          onClick={() => send({ side: 'hub' }, 'the hub’s values kept')}
        >
          Keep hub
        </ActionButton>
        <ActionButton
          className="button"
          disabled={resolve.isPending}
          onClick={() => send({ side: 'webflow' }, 'Webflow’s values kept')}
        >
          Keep Webflow
        </ActionButton>
        {perField ? (
          <ActionButton
            className="button button-primary"
            disabled={resolve.isPending || !allPicked}
            title={allPicked ? undefined : 'Pick a side for every field first'}
            onClick={() => send({ fields: picked }, 'resolved field by field')}
          >
            Keep my picks
          </ActionButton>
        ) : null}
      </div>
    </article>
  )
}
