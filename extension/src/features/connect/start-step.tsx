import type { Mode } from './wizard-state'

const CHOICES: { mode: Mode; title: string; detail: string }[] = [
  {
    mode: 'import',
    title: 'Import a Webflow collection',
    detail: 'Copy its items into the hub, then keep both in sync.',
  },
  {
    mode: 'publish',
    title: 'Publish a hub collection to Webflow',
    detail: 'Create the collection in Webflow and push every item.',
  },
  {
    mode: 'link',
    title: 'Link an existing pair',
    detail: 'Match items by slug; you choose which side wins the first time.',
  },
]

/** Step 1: how the first sync goes: import, publish, or link an existing pair. */
export function StartStep({ mode, onChange }: { mode: Mode; onChange: (m: Mode) => void }) {
  return (
    <fieldset className="choices">
      <legend className="section-title">How do you want to connect?</legend>
      {CHOICES.map((c) => (
        <label key={c.mode} className={`choice${mode === c.mode ? ' choice-on' : ''}`}>
          <input
            type="radio"
            name="mode"
            value={c.mode}
            checked={mode === c.mode}
            onChange={() => onChange(c.mode)}
          />
          <span>
            <span className="choice-title">{c.title}</span>
            <span className="muted">{c.detail}</span>
          </span>
        </label>
      ))}
    </fieldset>
  )
}
