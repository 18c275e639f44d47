import type { LinkSummary, SiteCollections } from '@bindery/shared/api/links'
import { useEffect, useMemo, useRef, useState } from 'react'
import { FieldPairing } from '../../components/field-pairing'
import { FieldPicker } from '../../components/field-picker'
import { fieldCandidates } from '../../lib/field-candidates'
import { initialPairs, pairProblem } from '../../lib/field-pairs'
import { usePanel } from '../../lib/panel-context'
import { useCreateLink } from './api/create-link'
import { useConnectPlan } from './api/plan-connect'
import { ChoicesStep } from './choices-step'
import { CollectionStep } from './collection-step'
import { PlanStep } from './plan-step'
import { StartStep } from './start-step'
import {
  collectionChosen,
  type Draft,
  emptyDraft,
  type Mode,
  STEPS,
  type Step,
  toRequest,
} from './wizard-state'

export type WizardStart = { mode: Mode; hubCollectionId?: string; webflowCollectionId?: string }

type Props = {
  data: SiteCollections
  start?: WizardStart | undefined
  onConnected: (link: LinkSummary, title: string) => void
  onCancel: () => void
}

const TITLES: Record<Step, string> = {
  start: 'Start',
  collection: 'Collection',
  fields: 'Fields',
  choices: 'Choices',
  plan: 'Plan',
}

/**
 * Connect a collection: start → collection(s) → fields → choices → the plan (a dry run), then
 * Connect. The panel is large meanwhile.
 */
export function ConnectWizard({ data, start, onConnected, onCancel }: Props) {
  const { designer } = usePanel()
  const [step, setStep] = useState<Step>(start ? 'collection' : 'start')
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(start))
  const create = useCreateLink()

  useEffect(() => {
    void designer.setExtensionSize('large')
    return () => void designer.setExtensionSize('comfortable')
  }, [designer])

  const hub = data.hub.find((c) => c.id === draft.hubCollectionId)
  const webflow = data.webflow.find((c) => c.id === draft.webflowCollectionId)
  const candidates = useMemo(() => fieldCandidates(draft.mode, hub, webflow), [draft.mode, hub, webflow])
  const title = [webflow?.displayName, hub?.name].filter(Boolean).join(' ⇄ ') || 'New link'

  // Every syncable field starts selected (or paired), once per chosen collection (Back keeps the choice).
  const fieldsFor = useRef('')
  const collectionKey = `${draft.mode}:${draft.hubCollectionId}:${draft.webflowCollectionId}`
  const enterFields = () => {
    if (fieldsFor.current !== collectionKey) {
      fieldsFor.current = collectionKey
      setDraft((d) => ({
        ...d,
        fields: new Set(candidates.filter((f) => f.hubType).map((f) => f.slug)),
        pairs: initialPairs(hub, webflow),
      }))
    }
    setStep('fields')
  }

  const index = STEPS.indexOf(step)
  const pairsBlocked = draft.mode === 'link' && draft.pairs.some((p) => pairProblem(p, hub, webflow) !== null)
  const canNext = step === 'collection' ? collectionChosen(draft) : step === 'fields' ? !pairsBlocked : true
  const patch = (p: Partial<Draft>) => setDraft((d) => ({ ...d, ...p }))
  const request = useMemo(() => toRequest(draft), [draft])
  const plan = useConnectPlan(request, step === 'plan')

  const connect = () =>
    create.mutate(request, {
      onSuccess: (link) => {
        void designer.notify('Success', `Connected ${title}; the initial sync has started`)
        onConnected(link, title)
      },
    })

  return (
    <form
      className="wizard stack"
      aria-label="Connect a collection"
      onSubmit={(e) => {
        e.preventDefault()
        if (step === 'plan') connect()
        else if (canNext && step === 'collection') enterFields()
        else if (canNext) setStep(STEPS[index + 1]!)
      }}
    >
      <ol className="steps" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li
            key={s}
            className={i === index ? 'step-on' : i < index ? 'step-done' : ''}
            aria-current={i === index ? 'step' : undefined}
          >
            {i + 1}. {TITLES[s]}
          </li>
        ))}
      </ol>

      {step === 'start' ? (
        <StartStep
          mode={draft.mode}
          onChange={(mode) => patch({ mode, hubCollectionId: '', webflowCollectionId: '' })}
        />
      ) : null}
      {step === 'collection' ? <CollectionStep data={data} draft={draft} onChange={patch} /> : null}
      {step === 'fields' && draft.mode === 'link' ? (
        <FieldPairing
          hub={hub}
          webflow={webflow}
          pairs={draft.pairs}
          onChange={(pairs) => patch({ pairs })}
        />
      ) : null}
      {step === 'fields' && draft.mode !== 'link' ? (
        <FieldPicker fields={candidates} selected={draft.fields} onChange={(fields) => patch({ fields })} />
      ) : null}
      {step === 'choices' ? <ChoicesStep draft={draft} onChange={patch} /> : null}
      {step === 'plan' ? (
        <PlanStep title={title} draft={draft} request={request} plan={plan} error={create.error} />
      ) : null}

      <div className="row wizard-nav">
        {index > 0 ? (
          <button
            type="button"
            className="button"
            onClick={() => setStep(STEPS[index - 1]!)}
            disabled={create.isPending}
          >
            Back
          </button>
        ) : (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button
          type="submit"
          className="button button-primary"
          disabled={!canNext || create.isPending || (step === 'plan' && !plan.data)}
        >
          {step === 'plan' ? (create.isPending ? 'Connecting…' : 'Connect') : 'Next'}
        </button>
      </div>
    </form>
  )
}
