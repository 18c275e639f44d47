import type { Choice } from '../lib/link-choices'

type Props<T extends string> = {
  legend: string
  name: string
  choices: Choice<T>[]
  value: T
  onChange: (value: T) => void
  disabled?: boolean
}

/** Radio choices, each with its one-line explanation. */
export function ChoiceGroup<T extends string>({
  legend,
  name,
  choices,
  value,
  onChange,
  disabled,
}: Props<T>) {
  return (
    <fieldset className="choices" disabled={disabled}>
      <legend className="section-title">{legend}</legend>
      {choices.map((c) => (
        <label key={c.value} className={`choice${value === c.value ? ' choice-on' : ''}`}>
          <input
            type="radio"
            name={name}
            value={c.value}
            checked={value === c.value}
            onChange={() => onChange(c.value)}
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
