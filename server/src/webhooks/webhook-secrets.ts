import { cipherContext, type TokenCipher } from '../crypto/token-cipher'
import type { Queryable } from '../db/pool'

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
      const { rows } = await this.db.query<{ s: string; site: string }>(
        `select distinct w.secret_ciphertext as s, w.site_id as site from site_webhooks w
         join sites s on s.id = w.site_id join installations i on i.id = s.installation_id
         where w.secret_ciphertext is not null and i.status = 'active'`,
      )
      this.cached = rows.map((r) => ({
        siteId: r.site,
        secret: this.cipher.decrypt(r.s, cipherContext.webhookSecret(r.site)),
      }))
    } catch {
      this.cached = []
    }
    this.loadedAt = now
  }
}
