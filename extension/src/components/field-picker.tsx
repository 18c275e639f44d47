import type { PickField } from '../lib/field-candidates'

type Props = {
  fields: PickField[]
  selected: ReadonlySet<string>
  onChange: (next: Set<string>) => void
  disabled?: boolean
  legend?: string
}

/**
 * Field checkboxes with each field's type mapping. Name and slug are always synced (shown locked);
 * fields Bindery cannot sync are shown disabled with the reason.
 */
export function FieldPicker({
  fields,
  selected,
  onChange,
  disabled = false,
  legend = 'Fields to sync',
}: Props) {
  const toggle = (slug: string, on: boolean) => {
    const next = new Set(selected)
    if (on) next.add(slug)
    else next.delete(slug)
    onChange(next)
  }
  return (
    <fieldset className="fields" disabled={disabled}>
      <legend className="section-title">{legend}</legend>
      {['Name', 'Slug'].map((name) => (
        <label key={name} className="field-row field-locked">
          <input type="checkbox" checked disabled readOnly aria-describedby="always-synced" />
          <span className="field-name">{name}</span>
          <span className="field-type">always synced</span>
        </label>
      ))}
      <span id="always-synced" hidden>
        Name and slug are always synced
      </span>
      {fields.map((f) => {
        const unsupported = f.hubType === null
        const reasonId = `reason-${f.slug}`
        return (
          <div key={f.slug} className="field-block">
            <label className={`field-row${unsupported ? ' field-unsupported' : ''}`}>
              <input
                type="checkbox"
                checked={!unsupported && selected.has(f.slug)}
                disabled={unsupported}
                onChange={(e) => toggle(f.slug, e.target.checked)}
                aria-describedby={unsupported ? reasonId : undefined}
              />
              <span className="field-name">{f.name}</span>
              <span className="field-type">
                {f.hubType ?? 'n/a'} → {f.webflowType ?? '?'}
              </span>
            </label>
            {unsupported ? (
              <p id={reasonId} className="field-reason">
                {f.unsupportedReason ?? `Bindery cannot sync ${f.webflowType ?? 'this'} fields.`}
              </p>
            ) : null}
          </div>
        )
      })}
    </fieldset>
  )
}
