import type { SiteCollections } from '@bindery/shared/api/links'
import { useEffect, useState } from 'react'
import { useCollections } from '../features/collections/api/get-collections'
import { CollectionsList } from '../features/collections/collections-list'
import { ConnectWizard, type WizardStart } from '../features/connect/connect-wizard'
import { ItemView } from '../features/item/item-view'
import { useCurrentCmsItem } from '../features/item/use-current-cms-item'
import { LinkStatus } from '../features/status/link-status'
import { fieldCandidates } from '../lib/field-candidates'
import { usePanel } from '../lib/panel-context'

type Screen =
  | { kind: 'home' }
  | { kind: 'connect'; start?: WizardStart }
  | { kind: 'link'; linkId: string; title: string; initialSync?: boolean }

/** The panel once a session is open: home (canvas item + collections), the connect wizard, a link. */
export function PanelScreens() {
  const { siteName, user, canEdit, designer } = usePanel()
  const collections = useCollections()
  const itemId = useCurrentCmsItem()
  const [screen, setScreen] = useState<Screen>({ kind: 'home' })

  useEffect(() => {
    void designer.setExtensionSize('comfortable')
  }, [designer])

  const home = () => {
    setScreen({ kind: 'home' })
    void collections.reload()
  }

  return (
    <div className="panel">
      <header className="panel-header">
        <div>
          <h1 className="title" data-testid="site-name">
            {siteName}
          </h1>
          <p className="muted">{user.name || user.email}</p>
        </div>
        {canEdit ? null : (
          <span className="badge badge-grey" title="Your role on this site cannot change CMS content">
            Read-only
          </span>
        )}
      </header>
      {screen.kind !== 'home' ? (
        <button type="button" className="button-link" onClick={home}>
          ← All collections
        </button>
      ) : null}

      {screen.kind === 'home' ? (
        <div className="stack">
          {!canEdit ? (
            <p className="muted" data-testid="read-only">
              You can see sync status. Connecting and changing collections needs a role that can edit CMS
              content.
            </p>
          ) : null}
          {itemId ? <ItemView webflowItemId={itemId} /> : null}
          <CollectionsList
            collections={collections}
            onOpenLink={(linkId) =>
              setScreen({ kind: 'link', linkId, title: linkTitle(collections.data, linkId) })
            }
            onConnect={(start) => setScreen({ kind: 'connect', start })}
          />
        </div>
      ) : null}

      {screen.kind === 'connect' && collections.data ? (
        <ConnectWizard
          data={collections.data}
          start={screen.start}
          onCancel={home}
          onConnected={(link, title) => {
            void collections.reload()
            setScreen({ kind: 'link', linkId: link.id, title, initialSync: true })
          }}
        />
      ) : null}

      {screen.kind === 'link' ? (
        <LinkStatus
          key={screen.linkId}
          linkId={screen.linkId}
          title={screen.title}
          candidates={linkCandidates(collections.data, screen.linkId)}
          initialSync={screen.initialSync ?? false}
          onDisconnected={home}
        />
      ) : null}
    </div>
  )
}

function linkTitle(data: SiteCollections | undefined, linkId: string): string {
  const link = data?.links.find((l) => l.id === linkId)
  const wf = data?.webflow.find((c) => c.id === link?.webflowCollectionId)
  const hub = data?.hub.find((c) => c.id === link?.hubCollectionId)
  return [wf?.displayName, hub?.name].filter(Boolean).join(' ⇄ ') || 'Link'
}

function linkCandidates(data: SiteCollections | undefined, linkId: string) {
  const link = data?.links.find((l) => l.id === linkId)
  return fieldCandidates(
    'edit',
    data?.hub.find((c) => c.id === link?.hubCollectionId),
    data?.webflow.find((c) => c.id === link?.webflowCollectionId),
  )
}
