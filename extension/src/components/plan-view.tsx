import type { PlanAction, SidePlan, SyncPlan } from '@bindery/shared/api/plans'

const ACTIONS: { action: PlanAction; label: string }[] = [
  { action: 'create', label: 'Create' },
  { action: 'update', label: 'Update' },
  { action: 'publish', label: 'Publish' },
  { action: 'unpublish', label: 'Unpublish' },
  { action: 'archive', label: 'Archive' },
  { action: 'delete', label: 'Delete' },
]

const total = (side: SidePlan) => ACTIONS.reduce((n, a) => n + side[a.action], 0)

/**
 * A dry run's plan, before anything is written: items per action on each side, conflicts and how
 * they settle, fields and collections to create in Webflow, deletes that will wait, and the cost.
 */
export function PlanView({ plan }: { plan: SyncPlan }) {
  const nothing = total(plan.webflow) + total(plan.hub) === 0 && plan.fieldsToCreate.length === 0
  return (
    <div className="stack plan" data-testid="plan">
      <p className="plan-cost" data-testid="plan-cost">
        {plan.cost.summary}
      </p>
      {plan.cost.queuedAhead > 0 ? (
        <p className="muted">{plan.cost.queuedAhead} requests of other links on this token go first.</p>
      ) : null}
      {nothing ? (
        <p className="muted">Nothing to write: {plan.unchanged} items already agree.</p>
      ) : (
        <table className="plan-table" aria-label="Items per action">
          <thead>
            <tr>
              <th scope="col">Items</th>
              <th scope="col">Webflow</th>
              <th scope="col">Hub</th>
            </tr>
          </thead>
          <tbody>
            {ACTIONS.filter((a) => plan.webflow[a.action] + plan.hub[a.action] > 0).map((a) => (
              <tr key={a.action} data-testid={`plan-${a.action}`}>
                <th scope="row">{a.label}</th>
                <td>{plan.webflow[a.action]}</td>
                <td>{plan.hub[a.action]}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Unchanged</th>
              <td colSpan={2}>{plan.unchanged}</td>
            </tr>
          </tbody>
        </table>
      )}
      {plan.collectionToCreate ? (
        <p>
          Creates the Webflow collection <strong>{plan.collectionToCreate.displayName}</strong>.
        </p>
      ) : null}
      {plan.fieldsToCreate.length > 0 ? (
        <p data-testid="plan-fields">
          Creates in Webflow: {plan.fieldsToCreate.map((f) => `${f.displayName} (${f.type})`).join(', ')}.
        </p>
      ) : null}
      {plan.conflicts.length > 0 ? (
        <div data-testid="plan-conflicts">
          <p className="section-title">
            {plan.conflicts.length} {plan.conflicts.length === 1 ? 'conflict' : 'conflicts'}
          </p>
          <ul className="list">
            {plan.conflicts.slice(0, 10).map((c) => (
              <li key={c.slug} className="muted">
                {c.slug}: {c.fields.join(', ')} →{' '}
                {c.winner === 'review' ? 'held for review' : c.winner === 'hub' ? 'hub wins' : 'Webflow wins'}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {plan.heldDeletes > 0 ? (
        <p className="text-warning">
          {plan.heldDeletes} {plan.heldDeletes === 1 ? 'delete waits' : 'deletes wait'} for review.
        </p>
      ) : null}
      {plan.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
    </div>
  )
}
