import { type ReactNode, useState } from 'react'
import { navigate } from './router'

export function Link({ to, className, children }: { to: string; className?: string; children: ReactNode }) {
  return (
    <a
      href={`/console${to}`}
      className={className}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return
        e.preventDefault()
        navigate(to)
      }}
    >
      {children}
    </a>
  )
}

export type Tone = 'ok' | 'warn' | 'bad' | 'off'
export const Badge = ({ tone, children }: { tone: Tone; children: ReactNode }) => (
  <span className={`badge ${tone}`}>{children}</span>
)

/**
 * A button for an action: destructive ones ask first (inline, so the answer stays on the page), and
 * every one shows its result or its error beside it.
 */
export function Action({
  label,
  confirm,
  run,
  className,
}: {
  label: string
  /** The question to ask first, for destructive actions. */
  confirm?: string
  run: () => Promise<string>
  className?: string
}) {
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  const go = async () => {
    setAsking(false)
    setBusy(true)
    setResult(null)
    try {
      setResult({ ok: true, text: await run() })
    } catch (err) {
      setResult({ ok: false, text: (err as Error).message })
    } finally {
      setBusy(false)
    }
  }
  return (
    <span className="action">
      {asking ? (
        <span className="confirm">
          <span>{confirm}</span>
          <button type="button" className="danger" onClick={go}>
            Yes, {label.toLowerCase()}
          </button>
          <button type="button" className="ghost" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button
          type="button"
          className={className}
          disabled={busy}
          onClick={() => (confirm ? setAsking(true) : go())}
        >
          {busy ? `${label}…` : label}
        </button>
      )}
      {result && (
        <span className={result.ok ? 'result ok' : 'result bad'} role="status">
          {result.text}
        </span>
      )}
    </span>
  )
}

export const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—')

export const Json = ({ value }: { value: unknown }) => (
  <pre className="json">{value === undefined || value === null ? '—' : JSON.stringify(value, null, 2)}</pre>
)

/** A field-by-field comparison: one row a field, one column a side. */
export function FieldTable({
  label,
  sides,
  rows,
}: {
  label?: string
  sides: string[]
  rows: { field: string; values: unknown[]; differs?: boolean }[]
}) {
  return (
    <table className="grid sides" aria-label={label}>
      <thead>
        <tr>
          <th>Field</th>
          {sides.map((s) => (
            <th key={s}>{s}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field} className={r.differs ? 'differs' : undefined}>
            <td>{r.field}</td>
            {r.values.map((v, i) => (
              <td key={sides[i]}>
                <Json value={v} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function Loading({ error }: { error?: Error | null }) {
  return error ? <p className="error">{error.message}</p> : <p className="muted">Loading…</p>
}
