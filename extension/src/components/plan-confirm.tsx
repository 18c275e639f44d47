import type { SyncPlan } from '@bindery/shared/api/plans'
import { Notice } from './notice'
import { PlanView } from './plan-view'
import { Spinner } from './spinner'

type Props = {
  title: string
  plan: { data?: SyncPlan | undefined; error: Error | null; isPending: boolean; refetch: () => unknown }
  applyLabel: string
  applying: boolean
  onApply: () => void
  onBack: () => void
}

/** "Here is what will happen" from a dry run, then Apply (the real request) or Back. */
export function PlanConfirm({ title, plan, applyLabel, applying, onApply, onBack }: Props) {
  return (
    <section className="card stack" aria-label={title}>
      <h3 className="section-title">{title}</h3>
      {plan.isPending ? <Spinner label="Working out what will happen (nothing is written)…" /> : null}
      {plan.error ? (
        <Notice
          tone="error"
          title="The plan could not be made"
          action={
            <button type="button" className="button" onClick={() => void plan.refetch()}>
              Try again
            </button>
          }
        >
          <p>{plan.error.message}</p>
        </Notice>
      ) : null}
      {plan.data ? <PlanView plan={plan.data} /> : null}
      <div className="row wizard-nav">
        <button type="button" className="button" onClick={onBack} disabled={applying}>
          Back
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={onApply}
          disabled={!plan.data || applying}
        >
          {applying ? 'Applying…' : applyLabel}
        </button>
      </div>
    </section>
  )
}
