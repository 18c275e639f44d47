import type { LinkSummary } from '@bindery/shared/api/links'
import type { SchemaDrift } from '@bindery/shared/api/schema-drift'
import { Notice } from '../../components/notice'
import { usePanel } from '../../lib/panel-context'

type Props = {
  link: LinkSummary
  busy: boolean
  onRemap: (hubSlug: string, webflowFieldId: string) => void
  onRecreate: () => void
  onDisconnect: () => void
  onDismiss: () => void
}

/**
 * "Webflow's fields changed: …": what the Designer changed under the link, what Bindery did about
 * it, and the one-click answers where a person must choose (re-map, recreate, disconnect).
 */
export function SchemaDriftNotice({ link, busy, onRemap, onRecreate, onDisconnect, onDismiss }: Props) {
  const { canEdit } = usePanel()
  const drift = link.schemaDrift ?? []
  if (!drift.length) return null
  const gone = drift.some((d) => d.kind === 'collectionDeleted')
  const names = [...new Set(drift.filter((d) => d.kind !== 'collectionDeleted').map((d) => d.name))]
  return (
    <div data-testid="schema-drift">
      <Notice
        tone={gone || drift.some(needsAction) ? 'warning' : 'info'}
        title={gone ? 'The Webflow collection was deleted' : `Webflow's fields changed: ${names.join(', ')}`}
        action={
          canEdit ? (
            <div className="row row-wrap">
              {gone ? (
                <>
                  <button
                    type="button"
                    className="button button-primary"
                    disabled={busy}
                    onClick={onRecreate}
                  >
                    Recreate in Webflow
                  </button>
                  <button
                    type="button"
                    className="button button-danger"
                    disabled={busy}
                    onClick={onDisconnect}
                  >
                    Disconnect
                  </button>
                </>
              ) : (
                <button type="button" className="button" disabled={busy} onClick={onDismiss}>
                  Dismiss
                </button>
              )}
            </div>
          ) : null
        }
      >
        <ul className="list">
          {drift.map((d) => (
            <li
              key={`${d.kind}:${d.webflowFieldId}:${d.option?.id ?? d.option?.name ?? ''}`}
              className="row row-spread"
            >
              <span>{d.message}</span>
              {canEdit && d.kind === 'fieldRecreated' && d.hubSlug && d.candidateFieldId ? (
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  aria-label={`Re-map ${d.name}`}
                  onClick={() => onRemap(d.hubSlug!, d.candidateFieldId!)}
                >
                  Re-map
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </Notice>
    </div>
  )
}

const needsAction = (d: SchemaDrift) => d.reaction === 'needsAction' || d.reaction === 'createsBlocked'
