import type { WebhookDelivery } from '@bindery/shared/webflow'
import type { Tx } from '../db/pool'
import type { JobContext } from '../jobs/job-context'

export type DeliveryOutcome = 'processed' | 'ignored'

/**
 * Applies one accepted webhook delivery to the hub, inside the caller's transaction.
 * Deliveries for collections no link covers are ignored.
 */
export async function applyDelivery(
  _tx: Tx,
  delivery: WebhookDelivery,
  _ctx: JobContext,
): Promise<DeliveryOutcome> {
  if (delivery.triggerType === 'site_publish') return 'processed'
  // No collection is linked until the sync engine lands, so every item event is ignored.
  return 'ignored'
}
