import type { ReactNode } from 'react'

type Props = {
  title: string
  count?: number
  tone?: 'yellow' | 'red' | 'grey'
  open?: boolean
  children: ReactNode
  testId?: string
}

/** A collapsible part of a screen, with a count in its summary: keeps 240 px screens short. */
export function Section({ title, count, tone = 'grey', open = false, children, testId }: Props) {
  return (
    <details className="section" open={open} data-testid={testId}>
      <summary className="section-summary">
        <span>{title}</span>
        {count !== undefined ? (
          <span className={`badge badge-${count > 0 ? tone : 'grey'}`}>{count}</span>
        ) : null}
      </summary>
      <div className="section-body">{children}</div>
    </details>
  )
}
