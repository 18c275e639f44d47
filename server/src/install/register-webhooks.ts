import type { WebhookHealth } from '@bindery/shared/api/site'
import type { Webhook } from '@bindery/shared/webflow'
import type { Config } from '../config'
import { cipherFor } from '../crypto/cipher-for'
import { cipherContext } from '../crypto/token-cipher'
import * as inbox from '../db/inbox'
import type { Queryable } from '../db/pool'
import { deleteSiteWebhooksExcept, upsertSiteWebhook } from '../db/site-webhooks'
import { setWebhookHealth } from '../db/sites'
import type { WebflowApi } from '../webflow/webflow-client'

/** The events Bindery needs from every site it serves. */
export const WEBHOOK_TRIGGERS = [
  'collection_item_created',
  'collection_item_changed',
  'collection_item_deleted',
  'collection_item_published',
  'collection_item_unpublished',
  'site_publish',
] as const

export const webhookUrl = (config: Config) => `${config.publicUrl}/webhooks/webflow`

// A webhook Webflow triggered that we never heard from has been failing; after three failed retries
// Webflow deactivates it without telling the API (the Webhook object has no status), so such a hook
// is recreated. Skew covers clock differences; the window keeps pruned inbox history from
// triggering recreation forever.
const SKEW_MS = 2 * 60_000
const IN_FLIGHT_MS = 60_000
const WINDOW_MS = 7 * 24 * 3600_000

/**
 * Makes a site's registrations exactly one webhook per trigger pointing at our URL: lists first,
 * deletes duplicates and ones of our triggers pointing elsewhere (stale registrations of ours from
 * an old PUBLIC_URL), recreates ones that stopped delivering, creates what is missing. Records the
 * result as the site's webhook health, and returns it; it does not throw for Webflow failures.
 */
export async function ensureSiteWebhooks(
  db: Queryable,
  config: Config,
  api: WebflowApi,
  siteId: string,
  now = Date.now(),
): Promise<WebhookHealth> {
  const url = webhookUrl(config)
  const pending = new Set<string>(WEBHOOK_TRIGGERS)
  const created: string[] = []
  const repaired: string[] = []
  let error: string | undefined
  try {
    const { webhooks } = await api.listWebhooks(siteId)
    const lastHeard = await inbox.lastReceivedByTrigger(db, siteId)
    const kept: Webhook[] = []
    const made: Webhook[] = []
    for (const trigger of WEBHOOK_TRIGGERS) {
      const same = webhooks.filter((w) => w.triggerType === trigger)
      let keep: Webhook | undefined = same.find((w) => w.url === url)
      const failing = keep && isFailing(keep, lastHeard.get(trigger), now)
      for (const w of same) if (w !== keep || failing) await api.deleteWebhook(w.id)
      if (failing) {
        repaired.push(trigger)
        keep = undefined
      }
      if (keep) kept.push(keep)
      else {
        made.push(await api.createWebhook(siteId, { triggerType: trigger, url }))
        created.push(trigger)
      }
      pending.delete(trigger)
    }
    await recordWebhooks(db, config, siteId, kept, made)
  } catch (err) {
    error = err instanceof Error ? err.message : String(err)
  }
  const health: WebhookHealth = {
    ok: !error,
    missing: [...pending],
    created,
    repaired,
    lastCheckedAt: new Date(now).toISOString(),
    ...(error ? { error } : {}),
  }
  await setWebhookHealth(db, siteId, health)
  return health
}

function isFailing(hook: Webhook, lastHeard: number | undefined, now: number): boolean {
  if (!hook.lastTriggered) return false
  const triggered = Date.parse(hook.lastTriggered)
  if (!(triggered > now - WINDOW_MS && triggered < now - IN_FLIGHT_MS)) return false
  return lastHeard === undefined || lastHeard < triggered - SKEW_MS
}

/** Mirrors the registrations in `site_webhooks`; a per-webhook secret is kept only encrypted. */
async function recordWebhooks(
  db: Queryable,
  config: Config,
  siteId: string,
  kept: Webhook[],
  created: Webhook[],
) {
  const ids = [...kept, ...created].map((w) => w.id)
  await deleteSiteWebhooksExcept(db, siteId, ids)
  for (const w of [...kept, ...created]) {
    const secret = w.secretKey
      ? cipherFor(config).encrypt(w.secretKey, cipherContext.webhookSecret(siteId))
      : null
    await upsertSiteWebhook(db, {
      id: w.id,
      siteId,
      triggerType: w.triggerType,
      url: w.url,
      secretCiphertext: secret,
    })
  }
}
