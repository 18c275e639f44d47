import type { SiteCollections } from '@bindery/shared/api/links'
import { ConflictList } from '../features/conflicts/conflict-list'
import { DriftReport } from '../features/drift/drift-report'
import { HoldQueue } from '../features/holds/hold-queue'
import { CollectionRestore } from '../features/restore/collection-restore'
import { useLink } from '../features/status/api/get-link'
import { LinkErrorList } from '../features/status/link-errors'
import { LinkSettings } from '../features/status/link-settings'
import { LinkStatus } from '../features/status/link-status'

type Props = {
  linkId: string
  title: string
  data: SiteCollections | undefined
  /** Reads the collections again if a connect left them stale (before "Change fields"). */
  refreshCollections: () => void
  initialSync: boolean
  onDisconnected: () => void
}

/**
 * One link, composed: its status and actions, then what waits for a person (held deletes,
 * conflicts, failed items), the last drift check, the settings and the point-in-time restore.
 */
export function LinkScreen({ linkId, title, data, refreshCollections, initialSync, onDisconnected }: Props) {
  const query = useLink(linkId)
  const link = query.data
  const summary = data?.links.find((l) => l.id === linkId)
  return (
    <div className="stack">
      <LinkStatus
        linkId={linkId}
        query={query}
        title={title}
        hub={data?.hub.find((c) => c.id === summary?.hubCollectionId)}
        webflow={data?.webflow.find((c) => c.id === summary?.webflowCollectionId)}
        initialSync={initialSync}
        onEditFields={refreshCollections}
        onDisconnected={onDisconnected}
      />
      {link ? (
        <>
          <HoldQueue linkId={link.id} heldDeletes={link.heldDeletes ?? 0} />
          <ConflictList linkId={link.id} count={link.counts.conflict} />
          <LinkErrorList linkId={link.id} failed={link.counts.failed} />
          <DriftReport linkId={link.id} />
          <LinkSettings
            key={JSON.stringify([
              link.direction,
              link.conflictPolicy,
              link.deleteMode,
              link.publishSite,
              link.publishCustomDomains,
            ])}
            link={link}
          />
          <CollectionRestore linkId={link.id} />
        </>
      ) : null}
    </div>
  )
}
