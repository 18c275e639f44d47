import type { ItemDetail, ItemHistory, ItemMatch, ItemSearchResult } from '@bindery/shared/api/console'
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { admin } from '../api'
import { Badge, FieldTable, Json, Loading, when } from '../components'
import { navigate } from '../router'

const stateTone = (s: ItemMatch['state']) =>
  s === 'synced' ? 'ok' : s === 'failed' ? 'bad' : s === 'not_linked' ? 'off' : 'warn'

/** Find an item by hub id, Webflow id or slug; then both sides, its state and its history. */
export function ItemsPage({ query }: { query: URLSearchParams }) {
  const q = query.get('q') ?? ''
  const site = query.get('site')
  const picked = query.get('item')
  const [text, setText] = useState(q)
  const params = (o: Record<string, string | null>) => {
    const p = new URLSearchParams()
    for (const [k, v] of Object.entries({ q, site, item: picked, ...o })) if (v) p.set(k, v)
    return `/items?${p}`
  }
  const results = useQuery({
    queryKey: ['items', q, site],
    queryFn: () =>
      admin<ItemSearchResult>(
        'GET',
        `/items?${new URLSearchParams({ q, ...(site ? { siteId: site } : {}) })}`,
      ),
    enabled: !!q,
  })
  const chosen =
    results.data?.items.find((i) => `${i.siteId}/${i.hubItemId}` === picked) ??
    (results.data?.items.length === 1 ? results.data.items[0] : undefined)
  return (
    <>
      <h1>Item lookup</h1>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault()
          navigate(params({ q: text.trim(), item: null }))
        }}
      >
        <input
          aria-label="Hub id, Webflow id or slug"
          placeholder="Hub id, Webflow item id or slug"
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="wide"
        />
        <button type="submit" disabled={!text.trim()}>
          Find
        </button>
        {site && <span className="muted">on site {site}</span>}
      </form>
      {q && !results.data && <Loading error={results.error} />}
      {results.data && results.data.items.length === 0 && <p className="muted">No item matches “{q}”.</p>}
      {results.data && results.data.items.length > 1 && (
        <table className="grid" aria-label="Matches">
          <tbody>
            {results.data.items.map((i) => (
              <tr key={`${i.siteId}/${i.hubItemId}`}>
                <td>
                  <button
                    type="button"
                    className="linklike"
                    onClick={() => navigate(params({ item: `${i.siteId}/${i.hubItemId}` }))}
                  >
                    {i.name}
                  </button>
                </td>
                <td>{i.siteName}</td>
                <td>{i.collection}</td>
                <td>
                  <Badge tone={stateTone(i.state)}>{i.state}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {chosen && <ItemView key={`${chosen.siteId}/${chosen.hubItemId}`} match={chosen} />}
    </>
  )
}

function ItemView({ match }: { match: ItemMatch }) {
  const base = `/sites/${encodeURIComponent(match.siteId)}/items/${match.hubItemId}`
  const detail = useQuery({
    queryKey: ['item', match.siteId, match.hubItemId],
    queryFn: () => admin<ItemDetail>('GET', base),
  })
  const history = useInfiniteQuery({
    queryKey: ['history', match.siteId, match.hubItemId],
    queryFn: ({ pageParam }) =>
      admin<ItemHistory>('GET', `${base}/history?limit=25${pageParam ? `&before=${pageParam}` : ''}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
  })
  const d = detail.data
  return (
    <section className="item">
      <h2>
        {match.name} <Badge tone={stateTone(match.state)}>{match.state}</Badge>
        {match.deleted && <Badge tone="bad">deleted in hub</Badge>}
      </h2>
      <p className="muted small">
        {match.siteName} · {match.collection} · hub {match.hubItemId} · Webflow {match.webflowItemId ?? '—'}
      </p>
      {!d ? (
        <Loading error={detail.error} />
      ) : (
        <>
          <div className="row small">
            <span>last pushed {when(d.lastPushedAt)}</span>
            <span>last pulled {when(d.lastPulledAt)}</span>
            <span>Webflow state: {d.webflowState ?? '—'}</span>
          </div>
          {d.lastError && (
            <p className="error" data-testid="last-error">
              Last error: {d.lastError}
            </p>
          )}
          {d.webflowError && <p className="notice">Webflow side: {d.webflowError}</p>}
          <FieldTable
            label="Both sides"
            sides={['Hub', 'Webflow (live)']}
            rows={d.fields.map((f) => ({ field: f.field, values: [f.hub, f.webflow], differs: f.differs }))}
          />
        </>
      )}
      <h3>History</h3>
      {!history.data ? (
        <Loading error={history.error} />
      ) : (
        <table className="grid" aria-label="History">
          <thead>
            <tr>
              <th>When</th>
              <th>Side</th>
              <th>Action</th>
              <th>Before</th>
              <th>After</th>
              <th>Correlation</th>
            </tr>
          </thead>
          <tbody>
            {history.data.pages
              .flatMap((p) => p.entries)
              .map((e) => (
                <tr key={e.id}>
                  <td className="small">{when(e.at)}</td>
                  <td>{e.direction}</td>
                  <td>{e.action}</td>
                  <td>
                    <Json value={e.before} />
                  </td>
                  <td>
                    <Json value={e.after} />
                  </td>
                  <td className="small">{e.correlationId ?? '—'}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      {history.data?.pages[0]?.entries.length === 0 && <p className="muted">No history.</p>}
      {history.hasNextPage && (
        <button type="button" disabled={history.isFetchingNextPage} onClick={() => history.fetchNextPage()}>
          {history.isFetchingNextPage ? 'Loading…' : 'Older entries'}
        </button>
      )}
    </section>
  )
}
