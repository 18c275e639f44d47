import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/** Constant-time string equality: both sides are hashed first, so lengths leak nothing either. */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest()
  const hb = createHash('sha256').update(b).digest()
  return timingSafeEqual(ha, hb)
}

/** base64url HMAC-SHA256, for signed values such as the OAuth state. */
export function hmacBase64url(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url')
}
