import { cipherContext, type TokenCipher } from '../crypto/token-cipher'
import type { Queryable } from '../db/pool'
import { activeWebhookSecrets, updateWebhookSecret } from '../db/site-webhooks'

const TTL_MS = 30_000

/** A webhook's own signing secret, and the one site whose deliveries it may sign. */
export type SiteSecret = { siteId: string; secret: string }

/**
 * Per-webhook signing secrets (only webhooks created with a site token have one), decrypted and
 * cached briefly: they are consulted only when the client secret does not match, and a flood of
 * forgeries must not turn into a flood of queries. A failed load counts as "no secrets" (the
 * request then gets 401, never a 5xx).
 */
export class WebhookSecrets {
  private cached: SiteSecret[] = []
  private loadedAt = -Infinity
  private loading: Promise<void> | null = null

  constructor(
    private db: Queryable,
    private cipher: TokenCipher,
  ) {}

  async get(now = Date.now()): Promise<SiteSecret[]> {
    if (now - this.loadedAt > TTL_MS) {
      this.loading ??= this.load(now).finally(() => {
        this.loading = null
      })
      await this.loading
    }
    return this.cached
  }

  private async load(now: number) {
    try {
      const loaded: SiteSecret[] = []
      for (const r of await activeWebhookSecrets(this.db)) {
        const context = cipherContext.webhookSecret(r.siteId)
        let secret: string
        try {
          secret = this.cipher.decrypt(r.secretCiphertext, context)
        } catch {
          continue // unreadable (a retired key): that webhook's deliveries fail until it is repaired
        }
        loaded.push({ siteId: r.siteId, secret })
        // Old key or format: re-encrypted now, so ENCRYPTION_KEY_PREVIOUS can retire.
        if (this.cipher.isStale(r.secretCiphertext)) {
          await updateWebhookSecret(this.db, r.id, this.cipher.encrypt(secret, context))
        }
      }
      this.cached = loaded
    } catch {
      this.cached = []
    }
    this.loadedAt = now
  }
}
