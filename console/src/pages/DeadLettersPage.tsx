import type { DeadLetterList, ReplayResult } from '@bindery/shared/api/admin-reliability'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { admin } from '../api'
import { Action, Json, Loading, when } from '../components'

const replayed = (r: ReplayResult) =>
  `${r.replayed} replayed${r.skipped ? `, ${r.skipped} skipped (same work already queued)` : ''}`

/** Jobs that used up their retries: filter, read payload and error, replay one or all. */
export function DeadLettersPage() {
  const queries = useQueryClient()
  const [queue, setQueue] = useState('')
  const [text, setText] = useState('')
  const list = useQuery({
    queryKey: ['dead-letters'],
    queryFn: () => admin<DeadLetterList>('GET', '/dead-letters?limit=500'),
  })
  const refresh = () => queries.invalidateQueries({ queryKey: ['dead-letters'] })
  if (!list.data) return <Loading error={list.error} />
  const queues = [...new Set(list.data.items.map((d) => d.queue ?? '?'))].sort()
  const needle = text.trim().toLowerCase()
  const shown = list.data.items.filter(
    (d) =>
      (!queue || (d.queue ?? '?') === queue) &&
      (!needle || `${d.error ?? ''} ${JSON.stringify(d.payload)}`.toLowerCase().includes(needle)),
  )
  return (
    <>
      <section className="summary">
        <h1>Dead letters</h1>
        <span>{list.data.total} waiting</span>
        <Action
          label="Replay all"
          confirm={`Send all ${list.data.total} dead letters back to their queues?`}
          run={async () => {
            const r = await admin<ReplayResult>('POST', '/dead-letters/replay')
            refresh()
            return replayed(r)
          }}
        />
      </section>
      <div className="row">
        <select aria-label="Queue" value={queue} onChange={(e) => setQueue(e.target.value)}>
          <option value="">All queues</option>
          {queues.map((q) => (
            <option key={q}>{q}</option>
          ))}
        </select>
        <input
          aria-label="Filter"
          placeholder="Filter by site, link, error…"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <span className="muted">{shown.length} shown</span>
      </div>
      {shown.map((d) => (
        <details key={d.id} className="card" data-dead-letter={d.id}>
          <summary>
            <strong>{d.queue ?? '?'}</strong> <span className="muted">{when(d.failedAt)}</span>{' '}
            <span className="error inline">{d.error ?? 'no error recorded'}</span>
          </summary>
          <p className="small">
            {d.attempts ?? '?'} attempts · id {d.id}
          </p>
          <Json value={d.payload} />
          <Action
            label="Replay"
            run={async () => {
              const r = await admin<ReplayResult>('POST', `/dead-letters/${d.id}/replay`)
              refresh()
              return replayed(r)
            }}
          />
        </details>
      ))}
      {shown.length === 0 && (
        <p className="muted">No dead letters{queue || needle ? ' match the filter' : ''}.</p>
      )}
    </>
  )
}
