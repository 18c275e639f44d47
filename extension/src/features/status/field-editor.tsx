import type { LinkSummary } from '@bindery/shared/api/links'
import { useState } from 'react'
import { FieldPicker, type PickField } from '../../components/field-picker'

type Props = {
  link: LinkSummary
  candidates: PickField[]
  onSave: (hubSlugs: string[]) => Promise<void>
  onCancel: () => void
}

/** Change which optional fields a link syncs. */
export function FieldEditor({ link, candidates, onSave, onCancel }: Props) {
  const [selected, setSelected] = useState(
    () => new Set(link.fields.map((f) => f.hubSlug).filter((s) => s !== 'name' && s !== 'slug')),
  )
  const [saving, setSaving] = useState(false)
  const save = async () => {
    setSaving(true)
    try {
      await onSave([...selected])
    } finally {
      setSaving(false)
    }
  }
  return (
    <div className="stack">
      <FieldPicker fields={candidates} selected={selected} onChange={setSelected} disabled={saving} />
      <div className="row">
        <button type="button" className="button button-primary" onClick={save} disabled={saving}>
          {saving ? 'Saving…' : 'Save fields'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </div>
  )
}
