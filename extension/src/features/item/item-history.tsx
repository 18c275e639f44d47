import type { HistoryEntry } from '@bindery/shared/api/history'
import { ActionButton } from '../../components/action-button'
import { Section } from '../../components/section'
import { Spinner } from '../../components/spinner'
import { formatTime } from '../../lib/format-time'
import { usePanel } from '../../lib/panel-context'
import { showValue } from '../../lib/show-value'
import { useItemHistory } from './api/get-item-history'
import { useRestoreItemVersion } from './api/restore-item-version'

const WHO: Record<HistoryEntry['actor']['kind'], string> = {
  designer: 'Designer',
  'api-key': 'API key',
  admin: 'Support',
  bindery: 'Bindery',
}

/**
 * Every change to the canvas item on either side: where, who, when, each field before → after, and
 * "restore this version" of the whole item or of one field (written in the hub, then pushed).
 */
export function ItemHistory({ webflowItemId, freshness }: { webflowItemId: string; freshness: string }) {
  const { designer } = usePanel()
  const history = useItemHistory(webflowItemId, freshness)
  const restore = useRestoreItemVersion(webflowItemId)
  const entries = history.data?.pages.flatMap((p) => p.entries) ?? []

  const run = (entry: HistoryEntry, fields?: string[]) =>
    restore.mutate(
      { entryId: entry.id, ...(fields ? { fields } : {}) },
      {
        onSuccess: (r) =>
          void designer.notify(
            'Success',
            r.restored.length === 0
              ? 'Already as it was: nothing to restore'
              : `Restored ${r.restored.join(', ')}${r.pushQueued ? '; Webflow follows' : ''}`,
          ),
        onError: (err) => void designer.notify('Error', err.message),
      },
    )

  return (
    <Section title="History" count={entries.length || undefined} testId="item-history">
      {history.isPending ? <Spinner label="Loading the history…" /> : null}
      {history.error ? (
        <p className="text-error">The history could not be loaded: {history.error.message}</p>
      ) : null}
      {history.data && entries.length === 0 ? <p className="muted">No change recorded yet.</p> : null}
      <ol className="list history">
        {entries.map((e) => (
          <li key={e.id} className="history-entry" data-testid="history-entry">
            <div className="row row-spread row-wrap">
              <span>
                <span className={`badge badge-${e.side === 'hub' ? 'blue' : 'grey'}`}>
                  {e.side === 'hub' ? 'Hub' : 'Webflow'}
                </span>{' '}
                {WHO[e.actor.kind]}: {e.actor.name}
              </span>
              <span className="muted">{formatTime(e.at)}</span>
            </div>
            <ul className="changes" aria-label={`Changes ${formatTime(e.at)}`}>
              {e.changes.map((c) => (
                <li key={c.field} className="change">
                  <div className="row row-spread">
                    <span className="change-field">{c.field}</span>
                    {e.restorable ? (
                      <ActionButton
                        className="button button-small"
                        disabled={restore.isPending}
                        aria-label={`Restore ${c.field} to “${showValue(c.after)}”`}
                        onClick={() => run(e, [c.field])}
                      >
                        Restore
                      </ActionButton>
                    ) : null}
                  </div>
                  <span className="change-values">
                    <span className="muted">{showValue(c.before)}</span> → <span>{showValue(c.after)}</span>
                  </span>
                </li>
              ))}
            </ul>
            {e.restorable ? (
              <ActionButton className="button-link" disabled={restore.isPending} onClick={() => run(e)}>
                Restore this version
              </ActionButton>
            ) : null}
          </li>
        ))}
      </ol>
      {history.hasNextPage ? (
        <button
          type="button"
          className="button"
          disabled={history.isFetchingNextPage}
          onClick={() => void history.fetchNextPage()}
        >
          Older changes
        </button>
      ) : null}
    </Section>
  )
}
