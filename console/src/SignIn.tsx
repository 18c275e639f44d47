import type { ConsoleSession } from '@bindery/shared/api/console'
import { useState } from 'react'
import { api } from './api'

/** The admin token, once: the server answers with the session cookie and a CSRF token. */
export function SignIn({ notice, onSignedIn }: { notice?: string; onSignedIn: (s: ConsoleSession) => void }) {
  const [token, setToken] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <form
      className="signin"
      onSubmit={async (e) => {
        e.preventDefault()
        setBusy(true)
        setError(null)
        try {
          onSignedIn(await api<ConsoleSession>('POST', '/console/api/session', { token }))
        } catch (err) {
          setError((err as Error).message)
        } finally {
          setBusy(false)
        }
      }}
    >
      <h1>Bindery support console</h1>
      {notice && <p className="notice">{notice}</p>}
      <label>
        Admin token
        <input
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          required
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy || !token}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="muted">
        The token is ADMIN_TOKEN from the server's environment (sandbox: printed at start).
      </p>
    </form>
  )
}
