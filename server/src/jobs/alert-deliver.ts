import type { QueuePayload } from '@bindery/shared/queues'
import { alertMessage } from '../alerts/alert-message'
import type { AppContext } from '../context/app-context'
import { getIncident } from '../db/alert-incidents'

export const queue = 'alert-deliver'

/**
 * Posts one incident's message to ALERT_WEBHOOK_URL. A refused or failed post throws, so pg-boss
 * retries it with backoff. A retry after a post whose answer was lost may repeat the message: better
 * twice than never.
 */
export async function handle(data: QueuePayload<typeof queue>, { db, config, log }: AppContext) {
  const url = config.alerts.webhookUrl
  const incident = await getIncident(db, data.incidentId)
  if (!url || !incident) return { sent: false }
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(alertMessage(incident, data.event, config.publicUrl)),
    redirect: 'error',
    signal: AbortSignal.timeout(10_000),
  })
  if (!res.ok) throw new Error(`the alert receiver answered ${res.status}`)
  log.info({ incident: incident.id, kind: incident.kind, event: data.event }, 'alert sent')
  return { sent: true }
}
