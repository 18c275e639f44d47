import type { ConflictList } from '@bindery/shared/api/conflicts'
import type { ConsoleOverview } from '@bindery/shared/api/console'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { admin } from '../api'
import { Action, FieldTable, Loading, when } from '../components'

/** Items a "review" link held back: both sides per field, and which one wins. */
export function ConflictsPage() {
  const overview = useQuery({
    queryKey: ['overview'],
    queryFn: () => admin<ConsoleOverview>('GET', '/overview'),
  })
  if (!overview.data) return <Loading error={overview.error} />
  const sites = overview.data.sites.filter((s) => s.openConflicts > 0)
  return (
    <>
      <h1>Conflicts held for review</h1>
      {sites.length === 0 && <p className="muted">No conflicts are waiting.</p>}
      {sites.map((s) => (
        <SiteConflicts key={s.id} siteId={s.id} name={s.displayName} />
      ))}
    </>
  )
}

function SiteConflicts({ siteId, name }: { siteId: string; name: string }) {
  const queries = useQueryClient()
  const base = `/sites/${encodeURIComponent(siteId)}`
  const list = useQuery({
    queryKey: ['conflicts', siteId],
    queryFn: () => admin<ConflictList>('GET', `${base}/conflicts`),
  })
  const refresh = () => {
    queries.invalidateQueries({ queryKey: ['conflicts', siteId] })
    queries.invalidateQueries({ queryKey: ['overview'] })
  }
  if (!list.data) return <Loading error={list.error} />
  return (
    <section>
      <h2>{name}</h2>
      {list.data.conflicts.map((c) => (
        <div key={c.id} className="card" data-conflict={c.id}>
          <p className="small muted">
            hub {c.hubItemId} · Webflow {c.webflowItemId} · since {when(c.createdAt)}
          </p>
          <FieldTable
            sides={['Before', 'Hub', 'Webflow']}
            rows={c.fields.map((f) => ({ field: f.field, values: [f.base, f.hub, f.webflow] }))}
          />
          {(['hub', 'webflow'] as const).map((side) => (
            <Action
              key={side}
              label={`Keep ${side === 'hub' ? 'hub' : 'Webflow'}`}
              confirm={`Overwrite the other side with the ${side === 'hub' ? 'hub' : 'Webflow'} values?`}
              run={async () => {
                await admin('POST', `${base}/conflicts/${c.id}/resolve`, { side })
                refresh()
                return `resolved: ${side} kept`
              }}
            />
          ))}
        </div>
      ))}
    </section>
  )
}
