import type { AlertList } from '@bindery/shared/api/admin-alerts'
import type { MetricSeries, MetricSeriesName } from '@bindery/shared/api/admin-metrics'
import type { ConsoleOverview, OverviewSite } from '@bindery/shared/api/console'
import { useQuery } from '@tanstack/react-query'
import { admin } from '../api'
import { Chart } from '../Chart'
import { Badge, Link, Loading, type Tone, when } from '../components'

export function OverviewPage() {
  const overview = useQuery({
    queryKey: ['overview'],
    queryFn: () => admin<ConsoleOverview>('GET', '/overview'),
    refetchInterval: 15_000,
  })
  if (!overview.data) return <Loading error={overview.error} />
  const o = overview.data
  return (
    <>
      <section className="summary">
        <h1>Overview</h1>
        <span>
          {o.sites.length} sites, {o.installations.length} installations
        </span>
        <Link to="/dead-letters">
          <Badge tone={o.deadLetters ? 'bad' : 'ok'}>{o.deadLetters} dead letters</Badge>
        </Link>
        <span className="muted">as of {when(o.generatedAt)}</span>
      </section>
      <Alerts />
      <table className="grid" aria-label="Sites">
        <thead>
          <tr>
            <th>Site</th>
            <th>Token</th>
            <th>Kill switch</th>
            <th>Circuit</th>
            <th>Webhooks</th>
            <th>Held jobs</th>
            <th>Waiting webhooks</th>
            <th>Held deletes</th>
            <th>Conflicts</th>
            <th>Failed items</th>
            <th>Links</th>
            <th>Last reconcile</th>
          </tr>
        </thead>
        <tbody>
          {o.sites.map((s) => (
            <SiteRow key={s.id} site={s} />
          ))}
        </tbody>
      </table>
      <Charts />
    </>
  )
}

function SiteRow({ site: s }: { site: OverviewSite }) {
  const token: [Tone, string] =
    s.tokenHealth === 'ok'
      ? ['ok', 'ok']
      : s.tokenHealth === 'needs_reinstall'
        ? ['bad', 'needs reinstall']
        : ['bad', 'revoked']
  const breaker: Tone = s.breaker.state === 'closed' ? 'ok' : s.breaker.state === 'open' ? 'bad' : 'warn'
  const hooks: [Tone, string] = !s.webhookHealth
    ? ['off', 'not checked']
    : s.webhookHealth.ok
      ? ['ok', 'ok']
      : ['bad', `missing ${s.webhookHealth.missing.join(', ') || '?'}`]
  const count = (n: number, tone: Tone = 'warn') =>
    n ? <Badge tone={tone}>{n}</Badge> : <span className="muted">0</span>
  return (
    <tr data-site={s.id}>
      <td>
        <Link to={`/sites/${encodeURIComponent(s.id)}`}>{s.displayName}</Link>
        <div className="muted small">{s.id}</div>
      </td>
      <td>
        <Badge tone={token[0]}>{token[1]}</Badge>
      </td>
      <td>{s.paused ? <Badge tone="bad">paused</Badge> : <Badge tone="ok">running</Badge>}</td>
      <td>
        <Badge tone={breaker}>{s.breaker.state.replace('_', ' ')}</Badge>
      </td>
      <td>
        <Badge tone={hooks[0]}>{hooks[1]}</Badge>
      </td>
      <td>{count(s.heldJobs)}</td>
      <td>{count(s.pendingWebhooks)}</td>
      <td>{count(s.heldDeletes, 'bad')}</td>
      <td>{count(s.openConflicts)}</td>
      <td>{count(s.failedItems, 'bad')}</td>
      <td>
        {Object.entries(s.links).map(([state, n]) => (
          <Badge key={state} tone={state === 'live' ? 'ok' : state === 'error' ? 'bad' : 'warn'}>
            {n} {state}
          </Badge>
        ))}
      </td>
      <td className="small">{when(s.lastReconcileAt)}</td>
    </tr>
  )
}

/** The six charts of the last 24 hours, each a few of the stored minute series. */
const CHARTS: { title: string; unit?: string; series: { name: MetricSeriesName; label: string }[] }[] = [
  { title: 'Webhook deliveries / min', series: [{ name: 'webhookDeliveries', label: 'deliveries' }] },
  {
    title: 'Throughput (items / min)',
    series: [
      { name: 'itemsPushed', label: 'pushed' },
      { name: 'itemsPulled', label: 'pulled' },
    ],
  },
  {
    title: 'Backlog',
    series: [
      { name: 'queueDepth', label: 'queued jobs' },
      { name: 'inboxPending', label: 'waiting webhooks' },
      { name: 'deadLetters', label: 'dead letters' },
    ],
  },
  {
    title: 'p95 sync latency',
    unit: ' ms',
    series: [
      { name: 'p95PushMs', label: 'hub → Webflow' },
      { name: 'p95PullMs', label: 'Webflow → hub' },
    ],
  },
  {
    title: 'Webflow errors / min',
    series: [
      { name: 'webflow429', label: '429' },
      { name: 'webflow5xx', label: '5xx' },
    ],
  },
  {
    title: 'Drift (items / min)',
    series: [
      { name: 'driftFound', label: 'found' },
      { name: 'driftRepaired', label: 'repaired' },
    ],
  },
]

function Charts() {
  const series = useQuery({
    queryKey: ['metrics-series'],
    queryFn: () => admin<MetricSeries>('GET', '/metrics/series'),
    refetchInterval: 60_000,
  })
  if (!series.data)
    return (
      <section className="charts">
        <h2>Last 24 hours</h2>
        {series.error ? <p className="muted">Charts unavailable: {series.error.message}</p> : <Loading />}
      </section>
    )
  const d = series.data
  return (
    <section className="charts">
      <h2>Last 24 hours</h2>
      <div className="chart-grid">
        {CHARTS.map((c) => (
          <Chart key={c.title} data={d} {...c} />
        ))}
      </div>
    </section>
  )
}

/** Open incidents (the alerts Bindery sent), each with its console page and its runbook section. */
function Alerts() {
  const alerts = useQuery({
    queryKey: ['alerts'],
    queryFn: () => admin<AlertList>('GET', '/alerts'),
    refetchInterval: 30_000,
  })
  if (!alerts.data?.items.length) return null
  return (
    <section className="alerts" aria-label="Open alerts">
      {alerts.data.items.map((a) => {
        const page = new URL(a.consoleUrl, window.location.origin)
        return (
          <div key={a.id} className="card alert">
            <Badge tone="bad">{a.kind.replace(/_/g, ' ')}</Badge> {a.summary}{' '}
            <span className="muted small">since {when(a.openedAt)}</span>{' '}
            <Link to={`${page.pathname.replace(/^\/console/, '') || '/'}${page.search}`}>Open</Link>
            {' · '}
            <Link to={`/runbooks#${a.runbook.split('#')[1] ?? ''}`}>Runbook</Link>
          </div>
        )
      })}
    </section>
  )
}
