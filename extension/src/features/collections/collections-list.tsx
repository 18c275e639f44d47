import type { LinkSummary } from '@bindery/shared/api/links'
import { ActionButton } from '../../components/action-button'
import { LinkBadge } from '../../components/link-badge'
import { Notice } from '../../components/notice'
import { Spinner } from '../../components/spinner'
import type { useCollections } from './api/get-collections'

export type ConnectStart =
  | { mode: 'publish'; hubCollectionId: string }
  | { mode: 'import'; webflowCollectionId: string }

type Props = {
  collections: ReturnType<typeof useCollections>
  onOpenLink: (linkId: string) => void
  onConnect: (start?: ConnectStart) => void
}

/** Hub and Webflow collections of the site, each with its link's state. */
export function CollectionsList({ collections, onOpenLink, onConnect }: Props) {
  const { isPending, data, error, refetch } = collections
  if (isPending) return <Spinner label="Loading collections…" />
  if (!data) {
    return (
      <Notice
        tone="error"
        title="Collections could not be loaded"
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
  return (
    <div className="stack">
      <ActionButton className="button button-primary button-block" onClick={() => onConnect()}>
        Connect a collection
      </ActionButton>
      <Section
        title="Webflow collections"
        empty="This site has no CMS collections yet."
        rows={data.webflow.map((c) => ({
          id: c.id,
          name: c.displayName,
          detail: `${c.fields.length} fields`,
          link: data.links.find((l) => l.webflowCollectionId === c.id) ?? null,
          start: { mode: 'import', webflowCollectionId: c.id } as const,
        }))}
        onOpenLink={onOpenLink}
        onConnect={onConnect}
      />
      <Section
        title="Hub collections"
        empty="The hub has no collections yet. Import one from Webflow, or create one through the content API."
        rows={data.hub.map((c) => ({
          id: c.id,
          name: c.name,
          detail: `${c.itemCount} ${c.itemCount === 1 ? 'item' : 'items'}`,
          link: data.links.find((l) => l.hubCollectionId === c.id) ?? null,
          start: { mode: 'publish', hubCollectionId: c.id } as const,
        }))}
        onOpenLink={onOpenLink}
        onConnect={onConnect}
      />
    </div>
  )
}

type Row = { id: string; name: string; detail: string; link: LinkSummary | null; start: ConnectStart }

function Section(props: {
  title: string
  empty: string
  rows: Row[]
  onOpenLink: (linkId: string) => void
  onConnect: (start?: ConnectStart) => void
}) {
  const headingId = `h-${props.title.replace(/\W+/g, '-').toLowerCase()}`
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {props.title}
      </h2>
      {props.rows.length === 0 ? <p className="muted">{props.empty}</p> : null}
      <ul className="list">
        {props.rows.map((row) => (
          <li key={row.id} className="list-row" data-testid="collection-row">
            <div className="list-main">
              <span className="list-name">{row.name}</span>
              <span className="muted">{row.detail}</span>
            </div>
            <LinkBadge link={row.link} />
            {row.link ? (
              <button
                type="button"
                className="button button-small"
                onClick={() => props.onOpenLink(row.link!.id)}
                aria-label={`Status of ${row.name}`}
              >
                Status
              </button>
            ) : (
              <ActionButton
                className="button button-small"
                onClick={() => props.onConnect(row.start)}
                aria-label={`Connect ${row.name}`}
              >
                Connect
              </ActionButton>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
