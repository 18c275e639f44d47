import type { ButtonHTMLAttributes } from 'react'
import { usePanel } from '../lib/panel-context'

export const READ_ONLY_REASON_ID = 'read-only-reason'

/**
 * A button that changes something. For a read-only session it stays visible but disabled, and says
 * why (its title, and the panel's read-only line as its description): the server refuses anyway.
 */
export function ActionButton({ disabled, title, ...props }: ButtonHTMLAttributes<HTMLButtonElement>) {
  const { canEdit, readOnlyReason } = usePanel()
  return (
    <button
      type="button"
      {...props}
      disabled={!canEdit || disabled}
      title={canEdit ? title : readOnlyReason}
      aria-describedby={canEdit ? props['aria-describedby'] : READ_ONLY_REASON_ID}
    />
  )
}
