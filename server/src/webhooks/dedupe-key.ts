import { createHash } from 'node:crypto'
import type { WebhookDelivery } from '@bindery/shared/webflow'

/**
 * Identity of a delivered event. Webflow's retries re-sign the same body with a new timestamp, so
 * the key comes from the body (never the timestamp or signature): for item events the item, locale
 * and its `lastUpdated`/`lastPublished` (a new edit or publish changes them); where an event carries
 * no `lastUpdated` (ids-only deleted/unpublished payloads, docs/webflow.md, Webhook payloads), a hash
 * of the raw body and the send time: the same body comes again when an item is unpublished twice,
 * and applying such an event twice is harmless (it reads the item's state from Webflow).
 */
export function dedupeKey(delivery: WebhookDelivery, raw: Buffer, timestamp = ''): string {
  if (delivery.triggerType === 'site_publish') {
    return `site_publish:${delivery.payload.siteId}:${delivery.payload.publishedOn}`
  }
  const p = delivery.payload
  const base = `${delivery.triggerType}:${p.id}:${p.cmsLocaleId ?? ''}`
  if (!p.lastUpdated) return `${base}:body:${createHash('sha256').update(raw).digest('hex')}:${timestamp}`
  return `${base}:${p.lastUpdated}:${p.lastPublished ?? ''}`
}
