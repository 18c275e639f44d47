import { LinkEvent, type LinkSummary, type SiteCollections } from '@bindery/shared/api/links'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { linkPath, patchLinkInCollections, queryKeys } from '../../../lib/query-keys'

export const POLL_MS = 2_000

/**
 * Follows a link live: server-sent events from `…/links/:linkId/events?token=` (EventSource cannot
 * send headers, so this one route takes the session token as a query param); when the stream
 * fails, or the browser has no EventSource, polls `GET …/links/:linkId` every 2 s instead.
 */
export function watchLink(
  api: ApiClient,
  siteId: string,
  linkId: string,
  onUpdate: (link: LinkSummary) => void,
  load: () => Promise<LinkSummary>,
): () => void {
  let stopped = false
  let source: EventSource | null = null
  let timer: ReturnType<typeof setTimeout> | undefined

  const poll = () => {
    if (stopped) return
    load()
      .then((link) => !stopped && onUpdate(link))
      .catch(() => {})
      .finally(() => {
        if (!stopped) timer = setTimeout(poll, POLL_MS)
      })
  }

  const token = api.sessionToken()
  if (typeof EventSource === 'function' && token) {
    const url = `${api.baseUrl}${linkPath(siteId, linkId)}/events?token=${encodeURIComponent(token)}`
    source = new EventSource(url)
    source.onmessage = (e) => {
      const parsed = LinkEvent.safeParse(safeJson(e.data))
      if (parsed.success) onUpdate(parsed.data)
    }
    source.onerror = () => {
      source?.close()
      source = null
      poll()
    }
  } else {
    timer = setTimeout(poll, POLL_MS)
  }

  return () => {
    stopped = true
    source?.close()
    clearTimeout(timer)
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return undefined
  }
}

/** What in a link summary means its lists (errors, holds, conflicts, drift, history) changed. */
function listsFingerprint(l: LinkSummary | undefined): string {
  if (!l) return ''
  return JSON.stringify([l.counts, l.heldDeletes ?? 0, l.lastReconcile?.at, l.lastReconcile?.status, l.state])
}

/**
 * Keeps the cached link current from its event stream, and refreshes everything else about the
 * link (its lists) when an event says those changed; the collections' badges take the summary as is.
 */
export function useLinkEvents(linkId: string, enabled: boolean, load: () => Promise<LinkSummary>) {
  const { api, siteId } = usePanel()
  const client = useQueryClient()
  // A new `load` each render must not restart the stream.
  const loadRef = useRef(load)
  loadRef.current = load
  useEffect(() => {
    if (!enabled) return
    const key = queryKeys.link(siteId, linkId)
    const onUpdate = (next: LinkSummary) => {
      const before = client.getQueryData<LinkSummary>(key)
      client.setQueryData(key, next)
      client.setQueryData(queryKeys.collections(siteId), (d: SiteCollections | undefined) =>
        patchLinkInCollections(d, next),
      )
      if (listsFingerprint(before) !== listsFingerprint(next)) {
        // Not the plans: one shown for Apply must not change under the reader.
        void client.invalidateQueries({
          queryKey: key,
          predicate: (q) => q.queryKey.length > key.length && q.queryKey[key.length] !== 'plan',
        })
      }
    }
    return watchLink(api, siteId, linkId, onUpdate, () => loadRef.current())
  }, [api, siteId, linkId, enabled, client])
}
