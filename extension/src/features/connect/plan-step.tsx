import type { ConnectRequest } from '@bindery/shared/api/links'
import { Notice } from '../../components/notice'
import { PlanView } from '../../components/plan-view'
import { Spinner } from '../../components/spinner'
import { DELETE_MODES, DIRECTIONS, labelOf, POLICIES } from '../../lib/link-choices'
import type { useConnectPlan } from './api/plan-connect'
import type { Draft } from './wizard-state'

type Props = {
  title: string
  draft: Draft
  request: ConnectRequest
  plan: ReturnType<typeof useConnectPlan>
  error: Error | null
}

/** Step 5: the choices in one paragraph and the dry run's plan; Connect applies it. */
export function PlanStep({ title, draft, request, plan, error }: Props) {
  const synced =
    request.mode === 'link'
      ? request.fields.map((p) =>
          p.hubSlug === p.webflowSlug ? p.hubSlug : `${p.hubSlug} ↔ ${p.webflowSlug}`,
        )
      : request.fields
  return (
    <div className="stack" data-testid="confirm">
      <p>
        <strong>{title}</strong>
      </p>
      <p className="muted">
        {draft.mode === 'import'
          ? 'Webflow’s items are copied into a new hub collection.'
          : draft.mode === 'publish'
            ? 'The collection is created in Webflow and every item is pushed.'
            : `Items are matched by slug; on the first match ${draft.firstMatchWinner === 'hub' ? 'the hub' : 'Webflow'} wins.`}{' '}
        Syncing name, slug{synced.length ? ` and ${synced.join(', ')}` : ''}:{' '}
        {labelOf(DIRECTIONS, draft.direction)}
        {draft.direction === 'two-way' ? `, ${labelOf(POLICIES, draft.conflictPolicy).toLowerCase()}` : ''},
        deletes: {labelOf(DELETE_MODES, draft.deleteMode).toLowerCase()}
        {draft.publishSite ? ', then the site is published' : ''}.
      </p>
      {plan.isPending ? <Spinner label="Working out what will happen (nothing is written)…" /> : null}
      {plan.error ? (
        <Notice tone="error" title="The plan could not be made">
          <p>{plan.error.message}</p>
        </Notice>
      ) : null}
      {plan.data ? <PlanView plan={plan.data} /> : null}
      {error ? (
        <p className="text-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </div>
  )
}
