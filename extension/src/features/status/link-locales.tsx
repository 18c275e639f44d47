import type { LinkSummary } from '@bindery/shared/api/links'

/** The site's locales for one link: which it syncs, and translations waiting for a push. */
export function LinkLocales({ locales }: { locales: LinkSummary['locales'] }) {
  if (!locales || locales.length < 2) return null
  return (
    <ul className="locales" aria-label="Locales" data-testid="link-locales">
      {locales.map((l) => (
        <li key={l.tag} className={l.synced ? 'locale locale-synced' : 'locale muted'}>
          <span className={`badge badge-${l.synced ? 'green' : 'grey'}`}>{l.tag}</span> {l.displayName}
          {l.primary ? ' (primary)' : ''}
          {l.synced ? (l.pending > 0 ? ` · ${l.pending} pending` : '') : ' · not synced'}
        </li>
      ))}
    </ul>
  )
}
