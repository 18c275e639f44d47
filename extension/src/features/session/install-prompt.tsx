import { useState } from 'react'
import { Notice } from '../../components/notice'
import { waitForInstall } from '../../lib/wait-for-install'

type Props = { installUrl: string; apiOrigin: string; siteName: string | null; onInstalled: () => void }

/** The site has no Bindery installation yet: install it through OAuth in a popup, then carry on. */
export function InstallPrompt({ installUrl, apiOrigin, siteName, onInstalled }: Props) {
  const [waiting, setWaiting] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const install = async () => {
    setWaiting(true)
    setError(null)
    try {
      await waitForInstall(installUrl, apiOrigin)
      onInstalled()
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setWaiting(false)
    }
  }

  return (
    <Notice
      title={`Bindery is not installed on ${siteName ?? 'this site'}`}
      action={
        <button type="button" className="button button-primary" onClick={install} disabled={waiting}>
          {waiting ? 'Waiting for the install window…' : 'Install Bindery'}
        </button>
      }
    >
      <p>
        A workspace admin approves access to the site's CMS in a new window. The panel continues by itself.
      </p>
      {error ? <p className="text-error">{error}</p> : null}
    </Notice>
  )
}
