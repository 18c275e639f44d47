import type { ReactNode } from 'react'
import { Notice } from '../../components/notice'
import { Spinner } from '../../components/spinner'
import type { ApiClient } from '../../lib/api-client'
import type { Designer } from '../../lib/designer'
import { PanelProvider } from '../../lib/panel-context'
import { InstallPrompt } from './install-prompt'
import { useSession } from './use-session'

type Props = { designer: Designer; api: ApiClient; children: ReactNode }

/** Shows the panel once a session is open; until then, loading, install or what went wrong. */
export function SessionGate({ designer, api, children }: Props) {
  const { state, retry } = useSession(designer, api)
  switch (state.status) {
    case 'loading':
      return <Spinner label="Connecting to Bindery…" />
    case 'not_installed':
      return (
        <InstallPrompt
          installUrl={state.installUrl}
          apiOrigin={api.baseUrl}
          siteName={null}
          onInstalled={() => void retry()}
        />
      )
    case 'error':
      return (
        <Notice
          tone="error"
          title="Bindery could not start"
          action={
            <button type="button" className="button" onClick={() => void retry()}>
              Try again
            </button>
          }
        >
          <p>{state.message}</p>
        </Notice>
      )
    case 'ready':
      return (
        <PanelProvider
          value={{
            designer,
            api: state.api,
            siteId: state.site.siteId,
            siteName: state.session.site.displayName,
            user: state.session.user,
            canEdit: state.canEdit,
            readOnlyReason: state.readOnlyReason,
          }}
        >
          {children}
        </PanelProvider>
      )
  }
}
