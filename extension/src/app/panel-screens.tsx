import type { SiteCollections } from '@bindery/shared/api/links'
import { useEffect, useRef, useState } from 'react'
import { READ_ONLY_REASON_ID } from '../components/action-button'
import { useCollections } from '../features/collections/api/get-collections'
import { CollectionsList } from '../features/collections/collections-list'
import { ConnectWizard, type WizardStart } from '../features/connect/connect-wizard'
import { ItemView } from '../features/item/item-view'
import { useCurrentCmsItem } from '../features/item/use-current-cms-item'
import { SiteNotices } from '../features/site/site-notices'
import { usePanel } from '../lib/panel-context'
import { LinkScreen } from './link-screen'

type Screen =
  | { kind: 'home' }
  | { kind: 'connect'; start?: WizardStart }
  | { kind: 'link'; linkId: string; title: string; initialSync?: boolean }

/** The panel once a session is open: home (canvas item + collections), the connect wizard, a link. */
export function PanelScreens() {
  const { siteName, user, canEdit, readOnlyReason, designer } = usePanel()
  const collections = useCollections()
  const itemId = useCurrentCmsItem()
  const [screen, setScreen] = useState<Screen>({ kind: 'home' })

  useEffect(() => {
    void designer.setExtensionSize('comfortable')
  }, [designer])

  // After a connect the list is stale (a collection may be new on one side): read it when next shown.
  const listStale = useRef(false)
  const refreshIfStale = () => {
    if (!listStale.current) return
    listStale.current = false
    void collections.refetch()
  }
  const home = () => {
    setScreen({ kind: 'home' })
    refreshIfStale()
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
          <span className="badge badge-grey" title={readOnlyReason}>
            Read-only
          </span>
        )}
      </header>
      {!canEdit ? (
        <p className="muted" id={READ_ONLY_REASON_ID} data-testid="read-only">
          You can see everything; changing it needs a role that can edit CMS content. {readOnlyReason}
        </p>
      ) : null}
      <SiteNotices />
      {screen.kind !== 'home' ? (
        <button type="button" className="button-link" onClick={home}>
          ← All collections
        </button>
      ) : null}

      {screen.kind === 'home' ? (
        <div className="stack">
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
            listStale.current = true
            setScreen({ kind: 'link', linkId: link.id, title, initialSync: true })
          }}
        />
      ) : null}

      {screen.kind === 'link' ? (
        <LinkScreen
          key={screen.linkId}
          linkId={screen.linkId}
          title={screen.title}
          data={collections.data}
          refreshCollections={refreshIfStale}
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
