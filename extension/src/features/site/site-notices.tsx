import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Notice } from '../../components/notice'
import { formatTime } from '../../lib/format-time'
import { usePanel } from '../../lib/panel-context'
import { queryKeys } from '../../lib/query-keys'
import { waitForInstall } from '../../lib/wait-for-install'
import { useSiteStatus } from './api/get-site-status'

/**
 * What is wrong with the whole site, above everything else: Webflow refuses Bindery's token
 * ("Reconnect Bindery", through the same install popup), or the site's sync is paused.
 */
export function SiteNotices() {
  const { api, siteId } = usePanel()
  const client = useQueryClient()
  const { data } = useSiteStatus()
  const [waiting, setWaiting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (!data) return null

  const reconnect = async () => {
    setWaiting(true)
    setError(null)
    try {
      await waitForInstall(data.installation.installUrl, api.baseUrl)
      await client.invalidateQueries({ queryKey: queryKeys.site(siteId) })
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setWaiting(false)
    }
  }

  return (
    <>
      {data.installation.needsReinstall ? (
        <div data-testid="reconnect">
          <Notice
            tone="error"
            title="Reconnect Bindery"
            action={
              <div className="row row-wrap">
                <button
                  type="button"
                  className="button button-primary"
                  onClick={reconnect}
                  disabled={waiting}
                >
                  {waiting ? 'Waiting for the install window…' : 'Reconnect Bindery'}
                </button>
                <a
                  className="button-link"
                  href={data.installation.installUrl}
                  target="_blank"
                  rel="noreferrer"
                >
                  Open the install page
                </a>
              </div>
            }
          >
            <p>
              Webflow refuses Bindery’s access to this site
              {data.installation.tokenRejectedAt
                ? ` since ${formatTime(data.installation.tokenRejectedAt)}`
                : ''}
              . Nothing syncs until a workspace admin installs Bindery again; the waiting work resumes then.
            </p>
            {error ? <p className="text-error">{error}</p> : null}
          </Notice>
        </div>
      ) : null}
      {data.paused ? (
        <Notice tone="warning" title="Sync is paused for this whole site">
          <p>Support paused it (the kill switch). Edits wait on both sides until it resumes.</p>
        </Notice>
      ) : null}
    </>
  )
}
