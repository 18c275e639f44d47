import { LinkEvent, type LinkSummary } from '@bindery/shared/api/links'
import { useEffect } from 'react'
import type { ApiClient } from '../../../lib/api-client'
import { usePanel } from '../../../lib/panel-context'
import { useRequest } from '../../../lib/use-request'
import { getLink, linkPath } from './get-link'

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
): () => void {
  let stopped = false
  let source: EventSource | null = null
  let timer: ReturnType<typeof setTimeout> | undefined

  const poll = () => {
    if (stopped) return
    getLink(api, siteId, linkId)
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

/** A link, loaded once and then kept live. */
export function useLiveLink(linkId: string) {
  const { api, siteId } = usePanel()
  const request = useRequest(linkId, () => getLink(api, siteId, linkId))
  const { set, status } = request
  const loaded = status !== 'loading'
  useEffect(() => {
    if (!loaded) return
    return watchLink(api, siteId, linkId, set)
  }, [api, siteId, linkId, set, loaded])
  return request
}
