import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/**
 * AES-256-GCM for secrets at rest (Webflow tokens, webhook secrets). A stored value is one string,
 * `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts), so one column holds everything needed to
 * decrypt it, including which key: the first key encrypts, any configured key decrypts, which lets
 * ENCRYPTION_KEY rotate with the old key kept in ENCRYPTION_KEY_PREVIOUS.
 */
export class TokenCipher {
  private readonly keys: Map<string, Buffer>
  private readonly current: { id: string; key: Buffer }

  constructor(keys: Buffer[]) {
    if (!keys[0]) throw new Error('TokenCipher needs at least one key')
    this.keys = new Map(keys.map((k) => [keyId(k), k]))
    this.current = { id: keyId(keys[0]), key: keys[0] }
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv)
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    const parts = [iv, cipher.getAuthTag(), ct].map((b) => b.toString('base64url'))
    return ['v1', this.current.id, ...parts].join('.')
  }

  decrypt(stored: string): string {
    const [version, id, iv, tag, ct] = stored.split('.')
    if (version !== 'v1' || !id || !iv || !tag || ct === undefined) throw new Error('malformed ciphertext')
    const key = this.keys.get(id)
    if (!key) throw new Error(`no encryption key with id ${id} is configured`)
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8')
  }

  /** True when `stored` was encrypted with a key other than the current one (re-encrypt it). */
  isStale(stored: string): boolean {
    return stored.split('.')[1] !== this.current.id
  }
}

/** First 8 hex characters of sha256(key): names a key without revealing it. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8)
}
