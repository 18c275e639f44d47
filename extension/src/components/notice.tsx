import type { ReactNode } from 'react'

type Props = { tone?: 'info' | 'error' | 'warning'; title: string; children?: ReactNode; action?: ReactNode }

/** A boxed message that says what happened and what to do next. */
export function Notice({ tone = 'info', title, children, action }: Props) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <p className="notice-title">{title}</p>
      {children ? <div className="notice-body">{children}</div> : null}
      {action ? <div className="notice-action">{action}</div> : null}
    </div>
  )
}
