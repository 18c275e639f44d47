import { LinkChoiceFields } from '../../components/link-choice-fields'
import type { Draft } from './wizard-state'

type Props = { draft: Draft; onChange: (patch: Partial<Draft>) => void }

/** Step 4: which way edits flow, who wins a conflict, what a delete does, and the site publish. */
export function ChoicesStep({ draft, onChange }: Props) {
  return (
    <div className="stack">
      <LinkChoiceFields value={draft} onChange={onChange} name="" oneWayPolicy="hidden" />
    </div>
  )
}
