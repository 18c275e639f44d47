import type { ReliabilityStatus, SiteControlResult } from '@bindery/shared/api/admin-reliability'
import type { HoldDecision, HoldList } from '@bindery/shared/api/holds'
import type { LinkSummary } from '@bindery/shared/api/links'
import type { SiteDrift, SiteResyncAccepted } from '@bindery/shared/api/reconcile'
import type { WebhookHealth } from '@bindery/shared/api/site'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { admin } from '../api'
import { Action, Badge, Link, Loading, when } from '../components'

/** One site: its links (live over the event stream), their last drift report, its actions and held deletes. */
export function SitePage({ siteId }: { siteId: string }) {
  const base = `/sites/${encodeURIComponent(siteId)}`
  const queries = useQueryClient()
  const status = useQuery({
    queryKey: ['status', siteId],
    queryFn: () => admin<ReliabilityStatus>('GET', `/status?siteId=${encodeURIComponent(siteId)}`),
    refetchInterval: 10_000,
  })
  const drift = useQuery({
    queryKey: ['drift', siteId],
    queryFn: () => admin<SiteDrift>('GET', `${base}/drift`),
  })
  const holds = useQuery({
    queryKey: ['holds', siteId],
    queryFn: () => admin<HoldList>('GET', `${base}/holds?status=held`),
    refetchInterval: 10_000,
  })
  const refresh = () => queries.invalidateQueries({ predicate: (q) => q.queryKey[1] === siteId })
  // A decided hold leaves the list at once, its buttons with it: its result is shown above the list.
  const [holdResult, setHoldResult] = useState<string | null>(null)
  const decided = (message: string) => {
    setHoldResult(message)
    refresh()
    return message
  }
  const site = status.data?.sites[0]
  if (!site) return status.data ? <p>No site {siteId}.</p> : <Loading error={status.error} />
  return (
    <>
      <section className="summary">
        <h1>{site.displayName}</h1>
        <span className="muted">{site.id}</span>
        {site.paused ? <Badge tone="bad">paused</Badge> : <Badge tone="ok">running</Badge>}
        <Badge tone={site.breaker.state === 'closed' ? 'ok' : 'bad'}>
          circuit {site.breaker.state.replace('_', ' ')}
        </Badge>
        <Badge tone={site.webhookHealth?.ok ? 'ok' : 'bad'}>
          webhooks {site.webhookHealth ? (site.webhookHealth.ok ? 'ok' : 'need repair') : 'not checked'}
        </Badge>
        <span>
          {site.heldJobs} held jobs · {site.pendingWebhooks} waiting webhooks
        </span>
      </section>
      <section className="actions">
        <Action
          label="Sync now"
          run={async () => {
            const r = await admin<SiteResyncAccepted>('POST', `${base}/resync`, {})
            refresh()
            return `queued for ${r.links.length} links`
          }}
        />
        <Action
          label="Full resync"
          confirm="Compare every item of every link with Webflow and repair the differences?"
          run={async () => {
            const r = await admin<SiteResyncAccepted>('POST', `${base}/resync`, { full: true })
            refresh()
            return `full resync queued for ${r.links.length} links`
          }}
        />
        {site.paused ? (
          <Action
            label="Resume site"
            run={async () => {
              const r = await admin<SiteControlResult>('POST', `${base}/resume`)
              refresh()
              return `resumed: ${r.jobsReleased} held jobs released, ${r.pushesQueued} pushes queued`
            }}
          />
        ) : (
          <Action
            label="Pause site"
            confirm="Stop all sync for this site until someone resumes it?"
            className="danger"
            run={async () => {
              await admin<SiteControlResult>('POST', `${base}/pause`)
              refresh()
              return 'paused'
            }}
          />
        )}
        <Action
          label="Repair webhooks"
          run={async () => {
            const h = await admin<WebhookHealth>(
              'POST',
              `/sites/${encodeURIComponent(siteId)}/webhooks/repair`,
            )
            refresh()
            return h.ok
              ? `webhooks ok${h.created.length ? ` (created ${h.created.join(', ')})` : ''}`
              : `still missing: ${h.missing.join(', ')}`
          }}
        />
      </section>
      <h2>Links</h2>
      {site.links.length === 0 && <p className="muted">No links.</p>}
      {site.links.map((l) => (
        <LinkCard
          key={l.id}
          siteId={siteId}
          link={l}
          report={drift.data?.links.find((d) => d.linkId === l.id)?.report ?? null}
          onChange={refresh}
        />
      ))}
      <h2>Held deletes</h2>
      {holdResult && (
        <p role="status" data-testid="hold-result">
          {holdResult}
        </p>
      )}
      {holds.data?.holds.length === 0 && <p className="muted">Nothing held.</p>}
      {holds.data?.holds.map((h) => (
        <div key={h.id} className="card" data-hold={h.id}>
          <strong>
            {h.items.length} of {h.collectionSize} items would be deleted{' '}
            {h.side === 'hub' ? 'from the hub' : 'in Webflow'}
          </strong>{' '}
          <span className="muted">
            ({h.source}, {when(h.createdAt)})
          </span>
          <ul className="small">
            {h.items.slice(0, 10).map((i) => (
              <li key={i.hubItemId}>
                {i.name} <span className="muted">({i.slug})</span>
              </li>
            ))}
            {h.items.length > 10 && <li className="muted">…and {h.items.length - 10} more</li>}
          </ul>
          <Action
            label="Confirm deletes"
            className="danger"
            confirm={`Delete these ${h.items.length} items ${h.side === 'hub' ? 'from the hub' : 'in Webflow'}?`}
            run={async () => {
              const r = await admin<HoldDecision>('POST', `${base}/holds/${h.id}/confirm`)
              return decided(`${r.applied} deleted${r.skipped.length ? `, ${r.skipped.length} skipped` : ''}`)
            }}
          />
          <Action
            label="Reject"
            run={async () => {
              const r = await admin<HoldDecision>('POST', `${base}/holds/${h.id}/reject`)
              return decided(`rejected: ${r.applied} items kept`)
            }}
          />
        </div>
      ))}
    </>
  )
}

/** A link, kept current by its event stream (`…/links/:id/events`) while the page is open. */
function LinkCard({
  siteId,
  link,
  report,
  onChange,
}: {
  siteId: string
  link: LinkSummary
  report: SiteDrift['links'][number]['report']
  onChange: () => void
}) {
  const [live, setLive] = useState<LinkSummary>(link)
  useEffect(() => setLive(link), [link])
  useEffect(() => {
    const es = new EventSource(`/admin/api/sites/${encodeURIComponent(siteId)}/links/${link.id}/events`)
    es.onmessage = (e) => setLive(JSON.parse(e.data))
    return () => es.close()
  }, [siteId, link.id])
  const l = live
  const base = `/sites/${encodeURIComponent(siteId)}/links/${l.id}`
  const pct = l.progress.total ? Math.round((100 * l.progress.done) / l.progress.total) : null
  const reconciling = l.lastReconcile?.status === 'running'
  return (
    <div className="card" data-link={l.id}>
      <div className="row">
        <strong>{l.webflowCollectionId}</strong>
        <Badge tone={l.state === 'live' ? 'ok' : l.state === 'error' ? 'bad' : 'warn'}>{l.state}</Badge>
        <span className="muted small">
          {l.direction}, conflicts: {l.conflictPolicy}
        </span>
      </div>
      {(l.state === 'syncing' || l.state === 'connecting' || reconciling) && (
        <div className="progress" role="progressbar" aria-valuenow={pct ?? undefined}>
          <span style={{ width: `${pct ?? 30}%` }} />
          <em>{reconciling ? 'reconciling…' : `${l.progress.done} / ${l.progress.total}`}</em>
        </div>
      )}
      <div className="row small">
        <span>{l.counts.synced} synced</span>
        <span>{l.counts.pending} pending</span>
        <span className={l.counts.failed ? 'bad-text' : ''}>{l.counts.failed} failed</span>
        <span>{l.counts.conflict} conflicts</span>
        <span>last synced {when(l.lastSyncedAt)}</span>
      </div>
      {l.lastError && <p className="error small">{l.lastError}</p>}
      <div className="row small" data-testid="last-reconcile">
        Last reconcile:{' '}
        {l.lastReconcile ? (
          <>
            {when(l.lastReconcile.at)} ({l.lastReconcile.trigger}, {l.lastReconcile.status}), drift{' '}
            {l.lastReconcile.drift}
          </>
        ) : (
          'never'
        )}
      </div>
      {report && report.status !== 'running' && (
        <details className="small">
          <summary>Drift report</summary>
          <table className="grid">
            <thead>
              <tr>
                <th>Class</th>
                <th>Found</th>
                <th>Repaired</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(report.found)
                .filter(([, n]) => n)
                .map(([cls, n]) => (
                  <tr key={cls}>
                    <td>{cls}</td>
                    <td>{n}</td>
                    <td>{report.repaired[cls as keyof typeof report.repaired] ?? 0}</td>
                  </tr>
                ))}
            </tbody>
          </table>
          <p className="muted">
            {report.webflowItems} Webflow items, {report.hubItems} hub items, {report.requests} requests
            {report.error ? ` — error: ${report.error}` : ''}
          </p>
        </details>
      )}
      <div className="row">
        <Action
          label="Sync now"
          run={async () => {
            await admin('POST', `${base}/resync`, {})
            onChange()
            return 'queued'
          }}
        />
        <Action
          label="Full resync"
          confirm="Compare every item with Webflow and repair the differences?"
          run={async () => {
            await admin('POST', `${base}/resync`, { full: true })
            onChange()
            return 'full resync queued'
          }}
        />
        <Action
          label={l.state === 'paused' ? 'Resume link' : 'Pause link'}
          confirm={l.state === 'paused' ? undefined : 'Stop syncing this link until it is resumed?'}
          run={async () => {
            const r = await admin<LinkSummary>('PATCH', base, { paused: l.state !== 'paused' })
            setLive(r)
            onChange()
            return r.state === 'paused' ? 'paused' : 'resumed'
          }}
        />
        <Link to={`/items?site=${encodeURIComponent(siteId)}`}>Look an item up…</Link>
      </div>
    </div>
  )
}
