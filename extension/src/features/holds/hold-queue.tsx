import type { DeleteHold } from '@bindery/shared/api/holds'
import { ActionButton } from '../../components/action-button'
import { Notice } from '../../components/notice'
import { Section } from '../../components/section'
import { formatTime } from '../../lib/format-time'
import { usePanel } from '../../lib/panel-context'
import { useDecideHold } from './api/decide-hold'
import { useHolds } from './api/get-holds'

const WHERE = {
  hub: 'Deleted in Webflow; the hub still has them',
  webflow: 'Deleted in the hub; Webflow still has them',
}

/** Deletes waiting for review on this link: confirm them, or reject them and get the items back. */
export function HoldQueue({ linkId, heldDeletes }: { linkId: string; heldDeletes: number }) {
  const { designer } = usePanel()
  const { data, error } = useHolds(linkId)
  const decide = useDecideHold(linkId)
  const holds = data?.holds ?? []
  const count = holds.reduce((n, h) => n + h.items.length, 0) || heldDeletes

  const run = (hold: DeleteHold, verdict: 'confirm' | 'reject', hubItemIds?: string[]) =>
    decide.mutate(
      { holdId: hold.id, verdict, ...(hubItemIds ? { hubItemIds } : {}) },
      {
        onSuccess: (r) =>
          void designer.notify(
            'Success',
            verdict === 'confirm'
              ? `${r.applied} ${r.applied === 1 ? 'delete' : 'deletes'} confirmed`
              : r.applied === 1
                ? '1 item brought back where it was deleted'
                : `${r.applied} items brought back where they were deleted`,
          ),
        onError: (err) => void designer.notify('Error', err.message),
      },
    )

  return (
    <Section title="Deletes waiting for review" count={count} tone="yellow" open={count > 0} testId="holds">
      {error ? <p className="text-error">Could not load the held deletes: {error.message}</p> : null}
      {data && holds.length === 0 ? <p className="muted">No delete is waiting.</p> : null}
      {holds.map((hold) => (
        <Notice
          key={hold.id}
          tone="warning"
          title={`${hold.items.length} ${hold.items.length === 1 ? 'delete' : 'deletes'} held`}
          action={
            <div className="row row-wrap">
              <ActionButton
                className="button button-danger"
                disabled={decide.isPending}
                onClick={() => run(hold, 'confirm')}
              >
                Confirm all
              </ActionButton>
              <ActionButton
                className="button"
                disabled={decide.isPending}
                onClick={() => run(hold, 'reject')}
              >
                Reject all
              </ActionButton>
            </div>
          }
        >
          <p>
            {WHERE[hold.side]} · {hold.reason === 'mass-delete' ? 'a mass delete' : 'this link holds deletes'}{' '}
            · {formatTime(hold.createdAt)}
          </p>
          <ul className="list">
            {hold.items.map((item) => (
              <li key={item.hubItemId} className="list-row" data-testid="held-item">
                <div className="list-main">
                  <span className="list-name">{item.name}</span>
                  <span className="muted">{item.slug}</span>
                </div>
                <ActionButton
                  className="button button-small"
                  disabled={decide.isPending}
                  aria-label={`Reject the delete of ${item.name}`}
                  onClick={() => run(hold, 'reject', [item.hubItemId])}
                >
                  Keep
                </ActionButton>
                <ActionButton
                  className="button button-small button-danger"
                  disabled={decide.isPending}
                  aria-label={`Confirm the delete of ${item.name}`}
                  onClick={() => run(hold, 'confirm', [item.hubItemId])}
                >
                  Delete
                </ActionButton>
              </li>
            ))}
          </ul>
        </Notice>
      ))}
    </Section>
  )
}
