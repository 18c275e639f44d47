import type { LinkSummary } from '@bindery/shared/api/links'
import { useEffect, useRef, useState } from 'react'
import type { PickField } from '../../components/field-picker'
import { LinkBadge } from '../../components/link-badge'
import { Notice } from '../../components/notice'
import { ProgressBar } from '../../components/progress-bar'
import { Spinner } from '../../components/spinner'
import { ApiError } from '../../lib/api-client'
import { formatTime } from '../../lib/format-time'
import { usePanel } from '../../lib/panel-context'
import { deleteLink } from './api/delete-link'
import { resyncLink } from './api/resync-link'
import { updateLink } from './api/update-link'
import { useLiveLink } from './api/watch-link'
import { FieldEditor } from './field-editor'
import { LinkCounts } from './link-counts'
import { LinkErrorList } from './link-errors'
import { LinkLocales } from './link-locales'

type Props = {
  linkId: string
  title: string
  /** The fields the link could sync, for "Change fields". */
  candidates: PickField[]
  /** Opened right after connecting: the initial sync's progress stays in view until it is done. */
  initialSync?: boolean
  onDisconnected: () => void
}

const DIRECTION = { 'two-way': 'Two-way', 'push-only': 'Hub → Webflow', 'pull-only': 'Webflow → hub' }

/** One link: live progress, counts, last sync, latest errors, and what a designer can do about it. */
export function LinkStatus({ linkId, title, candidates, initialSync = false, onDisconnected }: Props) {
  const { api, siteId, canEdit, designer } = usePanel()
  const { data: link, error, status, reload, set } = useLiveLink(linkId)
  const [editing, setEditing] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  useSyncFinishedNotice(link, (msg) => void designer.notify('Success', msg))

  if (status === 'loading') return <Spinner label="Loading link…" />
  if (!link) {
    return (
      <Notice
        tone="error"
        title="This link could not be loaded"
        action={
          <button type="button" className="button" onClick={() => void reload()}>
            Try again
          </button>
        }
      >
        <p>{error?.message}</p>
      </Notice>
    )
  }

  const act = async (what: string, run: () => Promise<void>) => {
    setBusy(true)
    try {
      await run()
      void designer.notify('Success', what)
    } catch (err) {
      void designer.notify(
        'Error',
        err instanceof ApiError || err instanceof Error ? err.message : String(err),
      )
    } finally {
      setBusy(false)
    }
  }
  const syncing = link.state === 'connecting' || link.state === 'syncing'

  return (
    <div className="stack">
      <div className="row row-spread">
        <h2 className="title">{title}</h2>
        <LinkBadge link={link} />
      </div>
      <p className="muted">
        {DIRECTION[link.direction]} · last sync {formatTime(link.lastSyncedAt)}
      </p>
      {syncing || initialSync ? (
        <ProgressBar
          label={syncing ? 'Initial sync' : 'Initial sync finished'}
          done={link.progress.done}
          total={link.progress.total}
          finished={!syncing}
        />
      ) : null}
      <LinkCounts counts={link.counts} />
      <LinkLocales locales={link.locales} />
      {link.lastError ? (
        <Notice tone="error" title="Sync stopped on an error">
          <p>{link.lastError}</p>
        </Notice>
      ) : null}
      <LinkErrorList linkId={link.id} failed={link.counts.failed} />

      {!canEdit ? (
        <p className="muted" data-testid="read-only">
          You can view sync status. Changing it needs a role that can edit CMS content on this site.
        </p>
      ) : editing ? (
        <FieldEditor
          link={link}
          candidates={candidates}
          onCancel={() => setEditing(false)}
          onSave={(fields) =>
            act('Field selection saved', async () => {
              set(await updateLink(api, siteId, link.id, { fields }))
              setEditing(false)
            })
          }
        />
      ) : confirming ? (
        <Notice
          tone="warning"
          title="Disconnect this collection?"
          action={
            <div className="row">
              <button
                type="button"
                className="button button-danger"
                disabled={busy}
                onClick={() =>
                  act('Disconnected; items stay on both sides', async () => {
                    await deleteLink(api, siteId, link.id)
                    onDisconnected()
                  })
                }
              >
                Disconnect
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          }
        >
          <p>Syncing stops. Items stay in the hub and in Webflow.</p>
        </Notice>
      ) : (
        <div className="row row-wrap">
          <button
            type="button"
            className="button button-primary"
            disabled={busy || syncing || link.state === 'paused'}
            onClick={() =>
              act('Sync started: pending changes go out, then both sides are compared', async () => {
                await resyncLink(api, siteId, link.id, false)
                await reload()
              })
            }
          >
            Sync now
          </button>
          <button
            type="button"
            className="button"
            disabled={busy || syncing || link.state === 'paused'}
            title="Re-sends every item to Webflow and re-reads every Webflow item"
            onClick={() =>
              act('Full resync started', async () => {
                await resyncLink(api, siteId, link.id, true)
                await reload()
              })
            }
          >
            Full resync
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() =>
              act(link.state === 'paused' ? 'Sync resumed' : 'Sync paused', async () => {
                set(await updateLink(api, siteId, link.id, { paused: link.state !== 'paused' }))
              })
            }
          >
            {link.state === 'paused' ? 'Resume' : 'Pause'}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => setEditing(true)}>
            Change fields
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={busy}
            onClick={() => setConfirming(true)}
          >
            Disconnect
          </button>
        </div>
      )}
    </div>
  )
}

/** One "finished" toast when a link goes from syncing to live while the panel watches. */
function useSyncFinishedNotice(link: LinkSummary | undefined, notify: (message: string) => void) {
  const previous = useRef(link?.state)
  useEffect(() => {
    const was = previous.current
    previous.current = link?.state
    if ((was === 'connecting' || was === 'syncing') && link?.state === 'live') {
      notify(`Initial sync finished: ${link.counts.synced} items in sync`)
    }
  }, [link, notify])
}
