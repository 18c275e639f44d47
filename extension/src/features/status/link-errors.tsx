import { formatTime } from '../../lib/format-time'
import { useLinkErrors } from './api/get-link-errors'

/** The latest failed items with Webflow's message for each. */
export function LinkErrorList({ linkId, failed }: { linkId: string; failed: number }) {
  const { data, error } = useLinkErrors(linkId, failed)
  if (error && !data) return <p className="text-error">Errors could not be loaded: {error.message}</p>
  if (!data || data.items.length === 0) return null
  return (
    <section aria-labelledby="latest-errors">
      <h3 id="latest-errors" className="section-title">
        Latest errors
      </h3>
      <ul className="list">
        {data.items.map((item) => (
          <li key={item.hubItemId} className="error-row">
            <span className="list-name">{item.name}</span>
            <span className="muted">
              {item.slug} · {formatTime(item.at)}
            </span>
            <span className="text-error">{item.message}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
