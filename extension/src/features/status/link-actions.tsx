import type { LinkSummary } from '@bindery/shared/api/links'
import { ActionButton } from '../../components/action-button'

type Props = {
  link: LinkSummary
  busy: boolean
  onSyncNow: () => void
  onFullResync: () => void
  onTogglePause: () => void
  onChangeFields: () => void
  onDisconnect: () => void
}

/** What a designer can do with a link; read-only users see the same buttons, disabled, with why. */
export function LinkActions({
  link,
  busy,
  onSyncNow,
  onFullResync,
  onTogglePause,
  onChangeFields,
  onDisconnect,
}: Props) {
  const syncing = link.state === 'connecting' || link.state === 'syncing'
  const paused = link.state === 'paused'
  const why = paused ? 'Resume the link first' : syncing ? 'A sync is running' : undefined
  return (
    <div className="row row-wrap" data-testid="link-actions">
      <ActionButton
        className="button button-primary"
        disabled={busy || syncing || paused}
        title={why}
        onClick={onSyncNow}
      >
        Sync now
      </ActionButton>
      <ActionButton
        className="button"
        disabled={busy || syncing || paused}
        title={why ?? 'Shows what it would do first: re-reads every Webflow item and re-sends every hub item'}
        onClick={onFullResync}
      >
        Full resync
      </ActionButton>
      <ActionButton className="button" disabled={busy} onClick={onTogglePause}>
        {paused ? 'Resume' : 'Pause'}
      </ActionButton>
      <ActionButton className="button" disabled={busy} onClick={onChangeFields}>
        Change fields
      </ActionButton>
      <ActionButton className="button button-danger" disabled={busy} onClick={onDisconnect}>
        Disconnect
      </ActionButton>
    </div>
  )
}
