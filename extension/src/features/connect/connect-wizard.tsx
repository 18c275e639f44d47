import type { LinkSummary, SiteCollections } from '@bindery/shared/api/links'
import { useEffect, useMemo, useRef, useState } from 'react'
import { FieldPicker } from '../../components/field-picker'
import { fieldCandidates } from '../../lib/field-candidates'
import { usePanel } from '../../lib/panel-context'
import { createLink } from './api/create-link'
import { CollectionStep } from './collection-step'
import { DirectionStep } from './direction-step'
import { collectionChosen, type Draft, type Mode, STEPS, type Step, toRequest } from './wizard-state'

export type WizardStart = { mode: Mode; hubCollectionId?: string; webflowCollectionId?: string }

type Props = {
  data: SiteCollections
  start?: WizardStart | undefined
  onConnected: (link: LinkSummary, title: string) => void
  onCancel: () => void
}

const TITLES: Record<Step, string> = {
  direction: 'Direction',
  collection: 'Collection',
  fields: 'Fields',
  confirm: 'Confirm',
}

/** Connect a collection: direction → collection(s) → fields → confirm. The panel is large meanwhile. */
export function ConnectWizard({ data, start, onConnected, onCancel }: Props) {
  const { api, siteId, designer } = usePanel()
  const [step, setStep] = useState<Step>(start ? 'collection' : 'direction')
  const [draft, setDraft] = useState<Draft>(() => ({
    mode: start?.mode ?? 'import',
    hubCollectionId: start?.hubCollectionId ?? '',
    webflowCollectionId: start?.webflowCollectionId ?? '',
    firstMatchWinner: 'webflow',
    fields: new Set(),
  }))
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    void designer.setExtensionSize('large')
    return () => void designer.setExtensionSize('comfortable')
  }, [designer])

  const hub = data.hub.find((c) => c.id === draft.hubCollectionId)
  const webflow = data.webflow.find((c) => c.id === draft.webflowCollectionId)
  const candidates = useMemo(() => fieldCandidates(draft.mode, hub, webflow), [draft.mode, hub, webflow])
  const title = [webflow?.displayName, hub?.name].filter(Boolean).join(' ⇄ ') || 'New link'

  // Every syncable field starts selected, once per chosen collection (Back keeps the choice).
  const fieldsFor = useRef('')
  const collectionKey = `${draft.mode}:${draft.hubCollectionId}:${draft.webflowCollectionId}`
  const enterFields = () => {
    if (fieldsFor.current !== collectionKey) {
      fieldsFor.current = collectionKey
      setDraft((d) => ({ ...d, fields: new Set(candidates.filter((f) => f.hubType).map((f) => f.slug)) }))
    }
    setStep('fields')
  }

  const index = STEPS.indexOf(step)
  const canNext = step === 'collection' ? collectionChosen(draft) : true
  const patch = (p: Partial<Draft>) => setDraft((d) => ({ ...d, ...p }))

  const connect = async () => {
    setSending(true)
    setError(null)
    try {
      const link = await createLink(api, siteId, toRequest(draft))
      void designer.notify('Success', `Connected ${title}; the initial sync has started`)
      onConnected(link, title)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
      setSending(false)
    }
  }

  return (
    <form
      className="wizard stack"
      aria-label="Connect a collection"
      onSubmit={(e) => {
        e.preventDefault()
        if (step === 'confirm') void connect()
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

      {step === 'direction' ? (
        <DirectionStep
          mode={draft.mode}
          onChange={(mode) => patch({ mode, hubCollectionId: '', webflowCollectionId: '' })}
        />
      ) : null}
      {step === 'collection' ? <CollectionStep data={data} draft={draft} onChange={patch} /> : null}
      {step === 'fields' ? (
        <FieldPicker fields={candidates} selected={draft.fields} onChange={(fields) => patch({ fields })} />
      ) : null}
      {step === 'confirm' ? (
        <div className="stack" data-testid="confirm">
          <p>
            <strong>{title}</strong>
          </p>
          <p className="muted">
            {draft.mode === 'import'
              ? 'Webflow’s items are copied into a new hub collection, then both stay in sync.'
              : draft.mode === 'publish'
                ? 'The collection is created in Webflow and every item is pushed; published items are published.'
                : `Items are matched by slug; on the first match ${draft.firstMatchWinner === 'hub' ? 'the hub' : 'Webflow'} wins.`}
          </p>
          <p className="muted">
            Syncing name, slug{draft.fields.size ? ` and ${[...draft.fields].join(', ')}` : ''}, both ways.
          </p>
          {error ? (
            <p className="text-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}

      <div className="row wizard-nav">
        {index > 0 ? (
          <button
            type="button"
            className="button"
            onClick={() => setStep(STEPS[index - 1]!)}
            disabled={sending}
          >
            Back
          </button>
        ) : (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="button button-primary" disabled={!canNext || sending}>
          {step === 'confirm' ? (sending ? 'Connecting…' : 'Connect') : 'Next'}
        </button>
      </div>
    </form>
  )
}
