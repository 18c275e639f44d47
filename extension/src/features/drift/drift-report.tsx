import { DRIFT_CLASSES, type DriftClass } from '@bindery/shared/api/reconcile'
import { Section } from '../../components/section'
import { formatTime } from '../../lib/format-time'
import { useDrift } from './api/get-drift'

const CLASS_LABEL: Record<DriftClass, string> = {
  changedInWebflow: 'Changed in Webflow',
  changedInHub: 'Changed in the hub',
  statusMismatch: 'Status differs',
  missingOnWebflow: 'Missing in Webflow',
  missingInHub: 'Missing in the hub',
  duplicate: 'Duplicate in Webflow',
}

/** The link's last reconcile: what drifted (by class, with samples) and whether it was repaired. */
export function DriftReport({ linkId }: { linkId: string }) {
  const { data, error } = useDrift(linkId)
  const report = data?.report ?? null
  const found = report ? DRIFT_CLASSES.reduce((n, c) => n + report.found[c], 0) : 0
  return (
    <Section title="Last drift check" count={found} tone="yellow" testId="drift">
      {error ? <p className="text-error">Could not load the drift report: {error.message}</p> : null}
      {data && !report ? (
        <p className="muted">No check has run yet; the first starts within 15 minutes.</p>
      ) : null}
      {report ? (
        <div className="stack">
          <p className="muted">
            {report.trigger} check {formatTime(report.finishedAt ?? report.startedAt)} ·{' '}
            {report.status === 'running' ? 'running' : report.status === 'failed' ? 'failed' : 'done'} ·{' '}
            {report.webflowItems} Webflow items, {report.requests} requests
          </p>
          {report.error ? <p className="text-error">{report.error}</p> : null}
          {found === 0 && report.status === 'done' ? <p>Both sides agreed: nothing drifted.</p> : null}
          <ul className="list">
            {DRIFT_CLASSES.filter((c) => report.found[c] > 0).map((c) => (
              <li key={c} className="list-row list-col" data-testid="drift-class">
                <div className="row row-spread">
                  <span className="list-name">{CLASS_LABEL[c]}</span>
                  <span
                    className={`badge badge-${report.repaired[c] >= report.found[c] ? 'green' : 'yellow'}`}
                  >
                    {report.repaired[c]}/{report.found[c]} repaired
                  </span>
                </div>
                {(report.samples[c] ?? []).length > 0 ? (
                  <span className="muted">
                    e.g.{' '}
                    {(report.samples[c] ?? [])
                      .map((s) => s.slug ?? s.webflowItemId ?? s.hubItemId)
                      .join(', ')}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          {report.held ? <p className="muted">{report.held} repairs wait for a held delete.</p> : null}
        </div>
      ) : null}
    </Section>
  )
}
