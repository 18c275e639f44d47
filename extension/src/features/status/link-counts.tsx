import type { LinkSummary } from '@bindery/shared/api/links'

const LABELS = [
  ['synced', 'Synced'],
  ['pending', 'Pending'],
  ['failed', 'Failed'],
  ['conflict', 'Conflicts'],
] as const

/** Synced, pending, failed and conflict counts as a compact grid. */
export function LinkCounts({ counts }: { counts: LinkSummary['counts'] }) {
  return (
    <dl className="counts">
      {LABELS.map(([key, label]) => (
        <div key={key} className={`count count-${key}${counts[key] > 0 ? ' count-nonzero' : ''}`}>
          <dt>{label}</dt>
          <dd data-testid={`count-${key}`}>{counts[key]}</dd>
        </div>
      ))}
    </dl>
  )
}
