import { RUNBOOK_ANCHORS } from '@bindery/shared/api/admin-alerts'
import type { Incident } from '../db/alert-incidents'
import { consolePath } from './conditions'

/** The runbook section of an incident's kind, in Bindery's documentation. */
export const runbookRef = (kind: Incident['kind']) => `docs/runbooks.md#${RUNBOOK_ANCHORS[kind]}`

const TITLES: Record<Incident['kind'], string> = {
  token_revoked: 'Webflow access revoked',
  webhooks_unrepairable: 'Webhooks missing and not repairable',
  dead_letters: 'Dead letters above the threshold',
  circuit_open: 'Circuit breaker open',
  reconcile_drift: 'Reconcile drift above the threshold',
  deletes_held: 'Deletes held for confirmation',
}

/**
 * The Slack-compatible body (`text` is all a Slack incoming webhook needs; other receivers read the
 * structured fields). Never carries tokens: summaries are built from ids, counts and Webflow's codes.
 */
export function alertMessage(incident: Incident, event: 'opened' | 'resolved', publicUrl: string) {
  const consoleUrl = `${publicUrl}${consolePath(incident.kind, incident.subject, incident.details)}`
  const runbook = runbookRef(incident.kind)
  const title = TITLES[incident.kind]
  const text =
    event === 'opened'
      ? `:rotating_light: Bindery: ${title}. ${incident.summary}.\nConsole: ${consoleUrl}\nRunbook: ${runbook}`
      : `:white_check_mark: Bindery resolved: ${title} (${incident.subject}), open since ${incident.openedAt.toISOString()}.\nConsole: ${consoleUrl}`
  return {
    text,
    bindery: {
      event,
      incidentId: incident.id,
      kind: incident.kind,
      subject: incident.subject,
      summary: incident.summary,
      openedAt: incident.openedAt.toISOString(),
      resolvedAt: incident.resolvedAt?.toISOString() ?? null,
      consoleUrl,
      runbook,
    },
  }
}
