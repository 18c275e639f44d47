import { createHash } from 'node:crypto'
import type { WebhookDelivery } from '@bindery/shared/webflow'

/**
 * Identity of a delivered event. Webflow's retries re-sign the same body with a new timestamp, so
 * the key comes from the body (never the timestamp or signature): for item events the item, locale
 * and its `lastUpdated`/`lastPublished` (a new edit or publish changes them); where an event carries
 * no `lastUpdated` (minimal deleted/unpublished payloads), a hash of the raw body.
 */
export function dedupeKey(delivery: WebhookDelivery, raw: Buffer): string {
  if (delivery.triggerType === 'site_publish') {
    return `site_publish:${delivery.payload.siteId}:${delivery.payload.publishedOn}`
  }
  const p = delivery.payload
  const base = `${delivery.triggerType}:${p.id}:${p.cmsLocaleId ?? ''}`
  if (!p.lastUpdated) return `${base}:body:${createHash('sha256').update(raw).digest('hex')}`
  return `${base}:${p.lastUpdated}:${p.lastPublished ?? ''}`
}
