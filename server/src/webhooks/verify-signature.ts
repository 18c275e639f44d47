import { createHmac, timingSafeEqual } from 'node:crypto'
import type { ErrorCode } from '@bindery/shared/errors'

/**
 * Webflow's webhook signature (docs/webflow.md, Webhook deliveries): lowercase hex HMAC-SHA256 of
 * `${x-webflow-timestamp}:${rawBody}`, the timestamp in epoch ms and at most 5 minutes off.
 * Each failure mode has its own answer; none of them looks at the body's content.
 */
export const TIMESTAMP_TOLERANCE_MS = 5 * 60_000

export type Rejection = { status: 400 | 401; code: ErrorCode; message: string }
export type Headers = Record<string, string | string[] | undefined>

/** The parts a signature check needs, or why the request cannot be signed at all. */
export function readSignatureHeaders(
  headers: Headers,
  now = Date.now(),
): { ok: true; timestamp: string; signature: Buffer } | ({ ok: false } & Rejection) {
  const timestamp = headers['x-webflow-timestamp']
  const signature = headers['x-webflow-signature']
  if (typeof timestamp !== 'string' || typeof signature !== 'string' || !timestamp || !signature) {
    return {
      ok: false,
      status: 400,
      code: 'missing_signature',
      message:
        'x-webflow-timestamp and x-webflow-signature are required (unsigned webhooks are not accepted)',
    }
  }
  if (!/^\d{1,16}$/.test(timestamp)) {
    return { ok: false, status: 401, code: 'stale_timestamp', message: 'x-webflow-timestamp is not epoch ms' }
  }
  if (Math.abs(now - Number(timestamp)) > TIMESTAMP_TOLERANCE_MS) {
    return {
      ok: false,
      status: 401,
      code: 'stale_timestamp',
      message: 'x-webflow-timestamp is outside ±5 minutes',
    }
  }
  if (!/^[0-9a-fA-F]{64}$/.test(signature)) {
    return { ok: false, status: 401, code: 'bad_signature', message: 'x-webflow-signature is not valid' }
  }
  return { ok: true, timestamp, signature: Buffer.from(signature, 'hex') }
}

/** Constant-time check of `signature` against the HMAC of `timestamp:raw` under `secret`. */
export function signatureMatches(secret: string, timestamp: string, raw: Buffer, signature: Buffer): boolean {
  const expected = createHmac('sha256', secret).update(`${timestamp}:`).update(raw).digest()
  return expected.length === signature.length && timingSafeEqual(expected, signature)
}

export const badSignature: Rejection = {
  status: 401,
  code: 'bad_signature',
  message: 'x-webflow-signature is not valid',
}
