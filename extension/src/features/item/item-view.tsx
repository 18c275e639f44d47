import type { ItemSyncState } from '@bindery/shared/api/links'
import { Notice } from '../../components/notice'
import { Spinner } from '../../components/spinner'
import { formatTime } from '../../lib/format-time'
import { useItemState } from './api/get-item-state'
import { ItemDiff } from './item-diff'
import { ItemHistory } from './item-history'

const STATE: Record<ItemSyncState['state'], { label: string; tone: string }> = {
  synced: { label: 'In sync', tone: 'green' },
  pending: { label: 'Pending', tone: 'blue' },
  failed: { label: 'Failed', tone: 'red' },
  conflict: { label: 'Conflict', tone: 'yellow' },
  not_linked: { label: 'Not synced', tone: 'grey' },
}

/** The CMS item open on the canvas: its sync state, last push and pull, and a diff when the sides differ. */
export function ItemView({ webflowItemId }: { webflowItemId: string }) {
  const { data, error, isPending } = useItemState(webflowItemId)
  return (
    <section className="card" aria-labelledby="canvas-item" data-testid="item-view">
      <h2 id="canvas-item" className="section-title">
        Item on the canvas
      </h2>
      {isPending ? <Spinner label="Loading the item…" /> : null}
      {!data && error ? (
        <Notice tone="error" title="The item's state could not be loaded">
          <p>{error.message}</p>
        </Notice>
      ) : null}
      {data ? <ItemDetails item={data} /> : null}
      {data?.linked ? (
        <ItemHistory
          webflowItemId={webflowItemId}
          freshness={`${data.lastPushedAt}|${data.lastPulledAt}|${data.state}|${data.name}`}
        />
      ) : null}
    </section>
  )
}

function ItemDetails({ item }: { item: ItemSyncState }) {
  const state = STATE[item.state]
  if (!item.linked) {
    return (
      <p className="muted">
        <span className={`badge badge-${state.tone}`}>{state.label}</span> This item’s collection is not
        connected to the hub. Connect it below to sync it.
      </p>
    )
  }
  return (
    <div className="stack">
      <div className="row row-spread">
        <span className="list-name">{item.name ?? 'Untitled item'}</span>
        <span className={`badge badge-${state.tone}`} data-testid="item-state">
          {state.label}
        </span>
      </div>
      <dl className="facts">
        {item.locale ? (
          <div>
            <dt>Locale</dt>
            <dd data-testid="item-locale">{item.locale}</dd>
          </div>
        ) : null}
        <div>
          <dt>Last push</dt>
          <dd>{formatTime(item.lastPushedAt)}</dd>
        </div>
        <div>
          <dt>Last pull</dt>
          <dd>{formatTime(item.lastPulledAt)}</dd>
        </div>
      </dl>
      {item.changesNotLive ? (
        <p className="muted" data-testid="item-not-live">
          <span className="badge badge-yellow">changes not live</span> Webflow has newer changes that go live
          at the next publish.
        </p>
      ) : null}
      {item.lastError ? <p className="text-error">{item.lastError}</p> : null}
      {item.diff.length > 0 ? (
        <ItemDiff diff={item.diff} />
      ) : (
        <p className="muted">Both sides hold the same values.</p>
      )}
    </div>
  )
}
