import { ActionButton } from '../../components/action-button'
import { Section } from '../../components/section'
import { formatTime } from '../../lib/format-time'
import { usePanel } from '../../lib/panel-context'
import { useLinkErrors } from './api/get-link-errors'
import { useRetryItems } from './api/retry-items'

/** Failed items with Webflow's message for each, and Retry per item (or all). */
export function LinkErrorList({ linkId, failed }: { linkId: string; failed: number }) {
  const { designer } = usePanel()
  const { data, error } = useLinkErrors(linkId, failed)
  const retry = useRetryItems(linkId)
  const items = data?.items ?? []
  const run = (hubItemId: string | null, name: string) =>
    retry.mutate(hubItemId, {
      onSuccess: (r) =>
        void designer.notify(
          'Success',
          `${name}: ${r.items} ${r.items === 1 ? 'item' : 'items'} queued again`,
        ),
      onError: (err) => void designer.notify('Error', err.message),
    })
  return (
    <Section
      title="Failed items"
      count={data ? items.length : failed}
      tone="red"
      open={items.length > 0}
      testId="failed-items"
    >
      {error && !data ? <p className="text-error">Errors could not be loaded: {error.message}</p> : null}
      {data && items.length === 0 ? <p className="muted">Nothing failed.</p> : null}
      {items.length > 1 ? (
        <ActionButton className="button" disabled={retry.isPending} onClick={() => run(null, 'Retry all')}>
          Retry all
        </ActionButton>
      ) : null}
      <ul className="list">
        {items.map((item) => (
          <li key={item.hubItemId} className="error-row" data-testid="failed-item">
            <div className="row row-spread">
              <span className="list-name">{item.name}</span>
              {item.retryable !== false ? (
                <ActionButton
                  className="button button-small"
                  disabled={retry.isPending}
                  aria-label={`Retry ${item.name}`}
                  onClick={() => run(item.hubItemId, item.name)}
                >
                  Retry
                </ActionButton>
              ) : null}
            </div>
            <span className="muted">
              {item.slug} · {formatTime(item.at)}
            </span>
            <span className="text-error">{item.message}</span>
          </li>
        ))}
      </ul>
    </Section>
  )
}
