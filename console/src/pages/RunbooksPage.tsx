import type { Runbooks } from '@bindery/shared/api/console'
import { useQuery } from '@tanstack/react-query'
import { type ReactNode, useEffect } from 'react'
import { admin } from '../api'
import { Loading } from '../components'

/** GitHub's heading anchors, which the alerts' runbook links use (`docs/runbooks.md#token-revoked`). */
export const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-')

/**
 * docs/runbooks.md, shown as text with its headings as anchors: no Markdown library, no HTML from the
 * file (every line is rendered as text), so the page cannot run anything the document holds.
 */
export function RunbooksPage() {
  const doc = useQuery({ queryKey: ['runbooks'], queryFn: () => admin<Runbooks>('GET', '/runbooks') })
  useEffect(() => {
    if (doc.data && window.location.hash)
      document.getElementById(decodeURIComponent(window.location.hash.slice(1)))?.scrollIntoView()
  }, [doc.data])
  if (!doc.data) return <Loading error={doc.error} />
  const out: ReactNode[] = []
  let para: string[] = []
  const flush = () => {
    if (para.length)
      out.push(
        <pre key={out.length} className="runbook-text">
          {para.join('\n')}
        </pre>,
      )
    para = []
  }
  for (const line of doc.data.markdown.split('\n')) {
    const h = line.match(/^(#{1,4})\s+(.*)$/)
    if (!h) {
      para.push(line)
      continue
    }
    flush()
    const text = h[2]!
    const level = h[1]!.length
    out.push(
      level <= 1 ? (
        <h1 key={out.length} id={anchorOf(text)}>
          {text}
        </h1>
      ) : level === 2 ? (
        <h2 key={out.length} id={anchorOf(text)}>
          {text}
        </h2>
      ) : (
        <h3 key={out.length} id={anchorOf(text)}>
          {text}
        </h3>
      ),
    )
  }
  flush()
  return <article className="runbooks">{out}</article>
}
