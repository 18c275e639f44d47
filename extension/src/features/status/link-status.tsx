import type { HubCollectionSummary, LinkSummary, WebflowCollectionSummary } from '@bindery/shared/api/links'
import { useEffect, useRef, useState } from 'react'
import { LinkBadge } from '../../components/link-badge'
import { Notice } from '../../components/notice'
import { ProgressBar } from '../../components/progress-bar'
import { Spinner } from '../../components/spinner'
import { formatTime } from '../../lib/format-time'
import { DIRECTIONS, labelOf } from '../../lib/link-choices'
import { usePanel } from '../../lib/panel-context'
import { useDismissSchemaDrift } from './api/dismiss-schema-drift'
import type { useLink } from './api/get-link'
import { useRecreateCollection } from './api/recreate-collection'
import { useRemapField } from './api/remap-field'
import { LinkCounts } from './link-counts'
import { LinkLocales } from './link-locales'
import { type LinkMode, LinkModeView } from './link-mode-view'
import { SchemaDriftNotice } from './schema-drift'

type Props = {
  linkId: string
  /** The link, kept live (`useLink`, called once by the screen: one event stream). */
  query: ReturnType<typeof useLink>
  title: string
  /** The two collections, for "Change fields". */
  hub: HubCollectionSummary | undefined
  webflow: WebflowCollectionSummary | undefined
  /** Opened right after connecting: the initial sync's progress stays in view until it is done. */
  initialSync?: boolean
  /** "Change fields" opens: the collections' fields must be current. */
  onEditFields?: () => void
  onDisconnected: () => void
}

/** One link: live progress, counts, last sync, and what a designer can do about it. */
export function LinkStatus({
  linkId,
  query,
  title,
  hub,
  webflow,
  initialSync = false,
  onEditFields,
  onDisconnected,
}: Props) {
  const { designer } = usePanel()
  const { data: link, error, isPending, refetch } = query
  const [mode, setMode] = useState<LinkMode>({ kind: 'actions' })
  const [busy, setBusy] = useState(false)
  useSyncFinishedNotice(link, (msg) => void designer.notify('Success', msg))
  const remap = useRemapField(linkId)
  const recreate = useRecreateCollection(linkId)
  const dismiss = useDismissSchemaDrift(linkId)

  if (isPending) return <Spinner label="Loading link…" />
  if (!link) {
    return (
      <Notice
        tone="error"
        title="This link could not be loaded"
        action={
          <button type="button" className="button" onClick={() => void refetch()}>
            Try again
          </button>
        }
      >
        <p>{error?.message}</p>
      </Notice>
    )
  }

  /** Runs a change, then says how it went in a Designer toast. */
  const act = async (what: string, run: () => Promise<unknown>) => {
    setBusy(true)
    try {
      await run()
      void designer.notify('Success', what)
      return true
    } catch (err) {
      void designer.notify('Error', err instanceof Error ? err.message : String(err))
      return false
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
        {labelOf(DIRECTIONS, link.direction)} · last sync {formatTime(link.lastSyncedAt)}
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
      <SchemaDriftNotice
        link={link}
        busy={busy}
        onRemap={(hubSlug, webflowFieldId) =>
          act('Field re-mapped: hub values fill it in Webflow', () =>
            remap.mutateAsync({ hubSlug, webflowFieldId }),
          )
        }
        onRecreate={() =>
          act('Collection recreated in Webflow: every item is being sent again', () => recreate.mutateAsync())
        }
        onDisconnect={() => setMode({ kind: 'disconnect' })}
        onDismiss={() => act('Schema changes dismissed', () => dismiss.mutateAsync())}
      />

      <LinkModeView
        link={link}
        mode={mode}
        setMode={setMode}
        busy={busy}
        act={act}
        hub={hub}
        webflow={webflow}
        onEditFields={onEditFields}
        onDisconnected={onDisconnected}
      />
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
