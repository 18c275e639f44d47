import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/**
 * AES-256-GCM for secrets at rest (Webflow tokens, webhook secrets). A stored value is one string,
 * `v2.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts), so one column holds everything needed to
 * decrypt it, including which key: the first key encrypts, any configured key decrypts, which lets
 * ENCRYPTION_KEY rotate with the old key kept in ENCRYPTION_KEY_PREVIOUS.
 *
 * `context` is bound in as associated data (the installation id of a token, the site of a webhook
 * secret): a ciphertext copied into another row does not decrypt. The tag is always 16 bytes, and
 * a shorter one is refused. Values stored before (`v1`, no associated data) still decrypt and
 * count as stale, so the next read re-encrypts them as `v2` (webflow-factory.ts).
 */
const TAG_BYTES = 16

export class TokenCipher {
  private readonly keys: Map<string, Buffer>
  private readonly current: { id: string; key: Buffer }

  constructor(keys: Buffer[]) {
    if (!keys[0]) throw new Error('TokenCipher needs at least one key')
    this.keys = new Map(keys.map((k) => [keyId(k), k]))
    this.current = { id: keyId(keys[0]), key: keys[0] }
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: TAG_BYTES })
    cipher.setAAD(Buffer.from(context, 'utf8'))
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    const parts = [iv, cipher.getAuthTag(), ct].map((b) => b.toString('base64url'))
    return ['v2', this.current.id, ...parts].join('.')
  }

  decrypt(stored: string, context: string): string {
    const [version, id, iv, tag, ct] = stored.split('.')
    if ((version !== 'v1' && version !== 'v2') || !id || !iv || !tag || ct === undefined) {
      throw new Error('malformed ciphertext')
    }
    const key = this.keys.get(id)
    if (!key) throw new Error(`no encryption key with id ${id} is configured`)
    const authTag = Buffer.from(tag, 'base64url')
    if (authTag.length !== TAG_BYTES) throw new Error('malformed ciphertext')
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
      authTagLength: TAG_BYTES,
    })
    if (version === 'v2') decipher.setAAD(Buffer.from(context, 'utf8'))
    decipher.setAuthTag(authTag)
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8')
  }

  /** True when `stored` should be re-encrypted: another key than the current one, or the old format. */
  isStale(stored: string): boolean {
    const [version, id] = stored.split('.')
    return version !== 'v2' || id !== this.current.id
  }
}

/** The associated data of each kind of secret. */
export const cipherContext = {
  installationToken: (installationId: string) => `installation-token:${installationId}`,
  webhookSecret: (siteId: string) => `webhook-secret:${siteId}`,
}

/** First 8 hex characters of sha256(key): names a key without revealing it. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8)
}
