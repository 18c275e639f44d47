import type { ConsoleSession } from '@bindery/shared/api/console'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { ApiError, api, setCsrfToken, whenSignedOut } from './api'
import { Link } from './components'
import { ConflictsPage } from './pages/ConflictsPage'
import { DeadLettersPage } from './pages/DeadLettersPage'
import { ItemsPage } from './pages/ItemsPage'
import { OverviewPage } from './pages/OverviewPage'
import { RunbooksPage } from './pages/RunbooksPage'
import { SitePage } from './pages/SitePage'
import { useRoute } from './router'
import { SignIn } from './SignIn'

type Auth =
  | { state: 'checking' }
  | { state: 'out'; notice?: string }
  | { state: 'in'; session: ConsoleSession }

export function App() {
  const [auth, setAuth] = useState<Auth>({ state: 'checking' })
  const queries = useQueryClient()
  const signedIn = (session: ConsoleSession) => {
    setCsrfToken(session.csrfToken)
    setAuth({ state: 'in', session })
  }
  const signedOut = (notice?: string) => {
    setCsrfToken(null)
    queries.clear()
    setAuth({ state: 'out', notice })
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on load
  useEffect(() => {
    whenSignedOut(() => signedOut('Your session ended. Sign in again.'))
    api<ConsoleSession>('GET', '/console/api/session')
      .then(signedIn)
      .catch((err) =>
        signedOut(
          err instanceof ApiError && /expired/.test(err.message)
            ? 'Your session expired. Sign in again.'
            : undefined,
        ),
      )
  }, [])

  if (auth.state === 'checking') return <p className="muted pad">Loading…</p>
  if (auth.state === 'out') return <SignIn notice={auth.notice} onSignedIn={signedIn} />
  return (
    <Shell
      onSignOut={async () => {
        await api('DELETE', '/console/api/session').catch(() => {})
        signedOut('Signed out.')
      }}
    />
  )
}

function Shell({ onSignOut }: { onSignOut: () => void }) {
  const { path, query } = useRoute()
  const site = path.match(/^\/sites\/([^/]+)$/)
  const tab = (to: string, label: string, active: boolean) => (
    <Link to={to} className={active ? 'tab active' : 'tab'}>
      {label}
    </Link>
  )
  return (
    <div className="shell">
      <header>
        <strong>Bindery support</strong>
        <nav>
          {tab('/', 'Overview', path === '/' || !!site)}
          {tab('/items', 'Item lookup', path === '/items')}
          {tab('/dead-letters', 'Dead letters', path === '/dead-letters')}
          {tab('/conflicts', 'Conflicts', path === '/conflicts')}
          {tab('/runbooks', 'Runbooks', path === '/runbooks')}
        </nav>
        <button type="button" className="ghost" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main>
        {site ? (
          <SitePage siteId={decodeURIComponent(site[1]!)} />
        ) : path === '/items' ? (
          <ItemsPage query={query} />
        ) : path === '/dead-letters' ? (
          <DeadLettersPage />
        ) : path === '/conflicts' ? (
          <ConflictsPage />
        ) : path === '/runbooks' ? (
          <RunbooksPage />
        ) : (
          <OverviewPage />
        )}
      </main>
    </div>
  )
}
