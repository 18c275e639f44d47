type Props = { label: string; done: number; total: number; finished?: boolean }

/** A labelled progress bar. Before the total is known it shows 0%; once finished, 100% even if empty. */
export function ProgressBar({ label, done, total, finished = false }: Props) {
  const percent = finished ? 100 : total === 0 ? 0 : Math.min(100, Math.round((done / total) * 100))
  return (
    <div className="progress">
      <div className="progress-label">
        <span>{label}</span>
        <span data-testid="progress-percent">{percent}%</span>
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${done} of ${total} items`}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="muted">
        {done} of {total} items
      </p>
    </div>
  )
}
