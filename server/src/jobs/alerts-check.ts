import type { QueuePayload } from '@bindery/shared/queues'
import { checkAlerts } from '../alerts/check-alerts'
import type { AppContext } from '../context/app-context'

export const queue = 'alerts-check'

/** Scheduled each minute: opens and resolves incidents, queueing their messages. Idempotent. */
export async function handle(_data: QueuePayload<typeof queue>, { db, boss, config }: AppContext) {
  return checkAlerts(db, boss, config)
}
