import type { LinkSummary } from '@bindery/shared/api/links'

type Tone = 'green' | 'blue' | 'yellow' | 'red' | 'grey'

/** The label and colour for a link's state: Live, Syncing n/m, Paused, Error, Not connected. */
export function badgeFor(link: Pick<LinkSummary, 'state' | 'progress'> | null): {
  label: string
  tone: Tone
} {
  if (!link) return { label: 'Not connected', tone: 'grey' }
  switch (link.state) {
    case 'live':
      return { label: 'Live', tone: 'green' }
    case 'connecting':
    case 'syncing':
      return { label: `Syncing ${link.progress.done}/${link.progress.total}`, tone: 'blue' }
    case 'paused':
      return { label: 'Paused', tone: 'yellow' }
    case 'error':
      return { label: 'Error', tone: 'red' }
  }
}

export function LinkBadge({ link }: { link: Pick<LinkSummary, 'state' | 'progress'> | null }) {
  const { label, tone } = badgeFor(link)
  return (
    <span className={`badge badge-${tone}`} data-testid="link-badge">
      {label}
    </span>
  )
}
