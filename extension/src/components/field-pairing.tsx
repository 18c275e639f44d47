import type { HubCollectionSummary, WebflowCollectionSummary } from '@bindery/shared/api/links'
import {
  compatibility,
  type DraftPair,
  optionalHubFields,
  optionalWebflowFields,
  pairProblem,
} from '../lib/field-pairs'

type Props = {
  hub: HubCollectionSummary | undefined
  webflow: WebflowCollectionSummary | undefined
  pairs: DraftPair[]
  onChange: (pairs: DraftPair[]) => void
  /** Offer "create it in Webflow / in the hub" for a field the other side lacks. */
  allowCreate?: boolean
  disabled?: boolean
}

const CREATE = '__create'

/**
 * Field pairing where names differ: the Webflow field for each hub field, and the hub field for each
 * Webflow field left over. Every option says whether its type pairs; a chosen pair that cannot sync
 * says why, in one line, under it.
 */
export function FieldPairing({ hub, webflow, pairs, onChange, allowCreate = false, disabled }: Props) {
  const hubFields = optionalHubFields(hub)
  const wfFields = optionalWebflowFields(webflow)
  const pairOfHub = (slug: string) => pairs.find((p) => p.hubSlug === slug)
  const pairOfWf = (slug: string) => pairs.find((p) => p.webflowSlug === slug)
  const without = (pred: (p: DraftPair) => boolean) => pairs.filter((p) => !pred(p))

  const setHub = (hubSlug: string, value: string) => {
    const rest = without(
      (p) => p.hubSlug === hubSlug || (value !== CREATE && value !== '' && p.webflowSlug === value),
    )
    if (value === '') onChange(rest)
    else onChange([...rest, { hubSlug, webflowSlug: value === CREATE ? null : value }])
  }
  const setWf = (webflowSlug: string, value: string) => {
    const rest = without(
      (p) => p.webflowSlug === webflowSlug || (value !== CREATE && value !== '' && p.hubSlug === value),
    )
    if (value === '') onChange(rest)
    else onChange([...rest, { hubSlug: value === CREATE ? null : value, webflowSlug }])
  }
  const leftoverWf = wfFields.filter((w) => {
    const p = pairOfWf(w.slug)
    return !p || p.hubSlug === null
  })

  return (
    <fieldset className="fields pairing" disabled={disabled}>
      <legend className="section-title">Fields to sync</legend>
      <p className="muted">
        Name and slug are always synced. Pick the partner of each field; names may differ.
      </p>
      {hubFields.map((h) => {
        const pair = pairOfHub(h.slug)
        const value = pair ? (pair.webflowSlug ?? CREATE) : ''
        const problem = pair ? pairProblem(pair, hub, webflow) : null
        const canCreate = allowCreate && !wfFields.some((w) => w.slug === h.slug)
        return (
          <div key={`h-${h.slug}`} className="pair-row" data-testid="pair-row">
            <label className="control">
              <span className="control-label">
                {h.name} <span className="muted">hub {h.type}</span>
              </span>
              <select
                aria-label={`Webflow field for ${h.name}`}
                value={value}
                onChange={(e) => setHub(h.slug, e.target.value)}
              >
                <option value="">Don’t sync</option>
                {wfFields.map((w) => {
                  const ok = compatibility(h, w).ok
                  return (
                    <option key={w.slug} value={w.slug}>
                      {w.displayName} · {w.type}
                      {ok ? '' : ' (incompatible)'}
                    </option>
                  )
                })}
                {canCreate ? <option value={CREATE}>Create it in Webflow</option> : null}
              </select>
            </label>
            {problem ? (
              <p className="field-reason" role="note">
                {problem}
              </p>
            ) : null}
          </div>
        )
      })}
      {leftoverWf.length > 0 ? <p className="section-title">Webflow fields without a hub partner</p> : null}
      {leftoverWf.map((w) => {
        const pair = pairOfWf(w.slug)
        const value = pair ? CREATE : ''
        const unpaired = hubFields.filter((h) => !pairOfHub(h.slug))
        return (
          <div key={`w-${w.slug}`} className="pair-row" data-testid="pair-row">
            <label className="control">
              <span className="control-label">
                {w.displayName} <span className="muted">Webflow {w.type}</span>
              </span>
              <select
                aria-label={`Hub field for ${w.displayName}`}
                value={value}
                disabled={!w.hubType}
                onChange={(e) => setWf(w.slug, e.target.value)}
              >
                <option value="">Don’t sync</option>
                {unpaired.map((h) => (
                  <option key={h.slug} value={h.slug}>
                    {h.name} · {h.type}
                    {compatibility(h, w).ok ? '' : ' (incompatible)'}
                  </option>
                ))}
                {allowCreate && w.hubType && !hubFields.some((h) => h.slug === w.slug) ? (
                  <option value={CREATE}>Create it in the hub</option>
                ) : null}
              </select>
            </label>
            {!w.hubType ? (
              <p className="field-reason">{w.unsupportedReason ?? `Bindery cannot sync ${w.type} fields.`}</p>
            ) : null}
          </div>
        )
      })}
    </fieldset>
  )
}
