import { WebhookDelivery } from '@bindery/shared/webflow'
import type { FastifyPluginAsync } from 'fastify'
import type { Config } from '../config'
import { cipherFor } from '../crypto/cipher-for'
import type { Db } from '../db/pool'
import { recordWebhookDelivery } from '../metrics/record-metrics'
import { AppError } from '../vocabulary/app-error'
import { isDatabaseUnavailable, isDataError } from './db-errors'
import { dedupeKey } from './dedupe-key'
import { InboxWriter } from './inbox-writer'
import { badSignature, readSignatureHeaders, signatureMatches } from './verify-signature'
import { WebhookSecrets } from './webhook-secrets'

export const WEBHOOK_BODY_LIMIT = 1024 * 1024

/**
 * `POST /webhooks/webflow`: verify, record, answer — nothing else happens in the request. The body
 * arrives as raw bytes (this plugin's own JSON parser), is verified as received, and is parsed only
 * after the signature holds, so a forger learns nothing about the schema. 200 means the delivery is
 * committed in the inbox (or was already there).
 */
export const webhookRoutes: FastifyPluginAsync<{ config: Config; db: Db }> = async (app, { config, db }) => {
  const secrets = new WebhookSecrets(db, cipherFor(config))
  const inbox = new InboxWriter(db)
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))

  // Refusals are counted from the answer, whichever check refused (signature, payload, database).
  app.addHook('onResponse', async (_req, reply) => {
    if (reply.statusCode >= 400) recordWebhookDelivery(reply.statusCode === 503 ? 'unavailable' : 'rejected')
  })

  app.post('/webhooks/webflow', { bodyLimit: WEBHOOK_BODY_LIMIT }, async (req) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
    const headers = readSignatureHeaders(req.headers)
    if (!headers.ok) throw new AppError(headers.status, headers.code, headers.message)
    const { timestamp, signature } = headers
    // The app's client secret signs for every site; a webhook's own secret only for its site.
    const byApp = signatureMatches(config.webflow.clientSecret, timestamp, raw, signature)
    const sitesSigned = new Set<string>()
    if (!byApp) {
      for (const { siteId, secret } of await secrets.get()) {
        if (signatureMatches(secret, timestamp, raw, signature)) sitesSigned.add(siteId)
      }
    }
    if (!byApp && !sitesSigned.size) {
      throw new AppError(badSignature.status, badSignature.code, badSignature.message)
    }

    let json: unknown
    try {
      json = JSON.parse(raw.toString('utf8'))
    } catch {
      throw new AppError(400, 'invalid_payload', 'the body is not valid JSON')
    }
    const parsed = WebhookDelivery.safeParse(json)
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
      throw new AppError(400, 'invalid_payload', 'the delivery is not a webhook Bindery handles', details)
    }
    const delivery = parsed.data
    if (!byApp && !sitesSigned.has(delivery.payload.siteId)) {
      throw new AppError(badSignature.status, badSignature.code, badSignature.message)
    }
    try {
      const status = await inbox.write({
        dedupeKey: dedupeKey(delivery, raw, timestamp),
        triggerType: delivery.triggerType,
        siteId: delivery.payload.siteId,
        body: raw.toString('utf8'),
      })
      recordWebhookDelivery(status)
      return { status }
    } catch (err) {
      if (isDataError(err))
        throw new AppError(400, 'invalid_payload', 'the delivery holds values Bindery cannot store')
      if (isDatabaseUnavailable(err)) {
        req.log.warn({ err }, 'webhook not recorded: database unavailable')
        throw new AppError(503, 'service_unavailable', 'temporarily unavailable, Webflow will retry')
      }
      throw err
    }
  })
}
