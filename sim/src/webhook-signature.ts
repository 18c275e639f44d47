import { createHmac } from 'node:crypto'

/** docs/webflow.md, Webhook deliveries: lowercase hex HMAC-SHA256 of `${timestamp}:${rawBody}`. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}:${body}`).digest('hex')
}
