import type { CollectionItem, PublishItemsResponse } from '@bindery/shared/webflow'
import type { SimContext } from '../context.ts'
import type { Counters } from '../counters.ts'
import { notFound, validationError } from '../errors.ts'
import type { FaultConfig, Faults } from '../faults.ts'
import { base64url, randomHex } from '../ids.ts'
import { createItems } from '../item-create.ts'
import { publishItems, publishSite } from '../item-publish.ts'
import { deleteItems, unpublishItems } from '../item-remove.ts'
import { updateItems } from '../item-update.ts'
import type { SitePlan } from '../plans.ts'
import type { RateLimiter } from '../rate-limit.ts'
import { RuntimeConfig } from '../sim-options.ts'
import type { CollectionRec, User } from '../store.ts'
import { issueOAuthToken, issueSiteToken } from '../tokens.ts'
import type { WebhookDispatcher } from '../webhook-dispatcher.ts'
import { type SeedInput, type SeedResult, seed } from './seed.ts'

export const idTokenTtlMs = 15 * 60_000

/**
 * What tests, sandbox mode and benchmarks may do to the simulator; the /_sim/ routes are a thin
 * HTTP face over this. Designer actions always fire webhooks, whatever echoApiWrites says.
 */
export class Control {
  constructor(
    private ctx: SimContext,
    private stats: Counters,
    private faults: Faults,
    private limiter: RateLimiter,
    private dispatcher: WebhookDispatcher,
    private clockOffset: { ms: number },
  ) {}

  reset(): void {
    this.ctx.store.reset()
    this.stats.reset()
    this.limiter.reset()
    this.dispatcher.reset()
    this.faults.clear()
  }

  seed(input: SeedInput): SeedResult {
    return seed(this.ctx, input)
  }

  siteToken(siteId: string, scopes: string[] = this.ctx.app.scopes): string {
    if (!this.ctx.store.sites.has(siteId)) throw notFound('site')
    return issueSiteToken(this.ctx, siteId, scopes).token
  }

  /** An app (OAuth) token without the authorize dance. */
  oauthToken(workspaceId?: string, scopes: string[] = this.ctx.app.scopes, siteIds: string[] = []): string {
    const ws = workspaceId ?? [...this.ctx.store.workspaces.keys()][0]
    if (!ws || !this.ctx.store.workspaces.has(ws)) throw notFound('workspace')
    return issueOAuthToken(this.ctx, [ws], scopes, undefined, siteIds).token
  }

  /** A Designer user's ID token (what webflow.getIdToken() returns), valid 15 minutes. */
  idToken(siteId: string, user?: Partial<User>): string {
    const site = this.ctx.store.sites.get(siteId)
    if (!site) throw notFound('site')
    const owner = this.ctx.store.users.get(this.ctx.store.workspaceOwners.get(site.workspaceId) ?? '')
    // An explicit null is kept: resolve documents each of these as "string or null".
    const pick = <K extends keyof User>(key: K, fallback: User[K]): User[K] =>
      user && key in user ? (user[key] as User[K]) : (owner?.[key] ?? fallback)
    const full: User = {
      id: user?.id ?? owner?.id ?? randomHex(12),
      email: pick('email', 'designer@example.com'),
      firstName: pick('firstName', 'Dana'),
      lastName: pick('lastName', 'Designer'),
    }
    const now = this.ctx.now()
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
    const claims = base64url(
      JSON.stringify({
        sub: full.id,
        siteId,
        iat: Math.floor(now / 1000),
        exp: Math.floor((now + idTokenTtlMs) / 1000),
      }),
    )
    const idToken = `${header}.${claims}.${base64url(Buffer.from(randomHex(32), 'hex'))}`
    this.ctx.store.idTokens.set(idToken, { siteId, user: full, expiresAt: now + idTokenTtlMs })
    return idToken
  }

  private collection(collectionId: string, siteId?: string): CollectionRec {
    const c = this.ctx.store.collections.get(collectionId)
    if (!c || (siteId !== undefined && c.siteId !== siteId)) throw notFound('collection')
    return c
  }

  /** The locales a Designer create reaches (docs/webflow.md "Localization"); null: as the API would. */
  private designerLocales(c: CollectionRec, body: Record<string, unknown>): string[] | null {
    if (Array.isArray(body.cmsLocaleIds)) return body.cmsLocaleIds.map(String)
    const site = this.ctx.store.sites.get(c.siteId)
    if (!site || site.locales.length < 2 || !this.ctx.config.designerCreatesAllLocales) return null
    if (body.cmsLocaleId) return null
    return site.locales.map((l) => l.cmsLocaleId)
  }

  /** Designer actions; `cmsLocaleId` picks the locale the Designer shows (default primary). */
  readonly designer = {
    createItem: (collectionId: string, body: Record<string, unknown>, siteId?: string): CollectionItem => {
      const c = this.collection(collectionId, siteId)
      const { cmsLocaleIds: _, ...input } = body
      return createItems(this.ctx, c, [input], {
        live: body.live === true,
        source: 'designer',
        multi: false,
        bulkLocales: this.designerLocales(c, body),
      })[0] as CollectionItem
    },
    updateItem: (collectionId: string, itemId: string, body: Record<string, unknown>, siteId?: string) =>
      updateItems(this.ctx, this.collection(collectionId, siteId), [{ ...body, id: itemId }], {
        live: false,
        source: 'designer',
        multi: false,
      })[0] as CollectionItem,
    publishItem: (
      collectionId: string,
      itemId: string,
      siteId?: string,
      cmsLocaleId?: string,
    ): PublishItemsResponse =>
      publishItems(
        this.ctx,
        this.collection(collectionId, siteId),
        cmsLocaleId ? { items: [{ id: itemId, cmsLocaleIds: [cmsLocaleId] }] } : { itemIds: [itemId] },
        'designer',
      ),
    unpublishItem: (collectionId: string, itemId: string, siteId?: string, cmsLocaleId?: string): void =>
      unpublishItems(
        this.ctx,
        this.collection(collectionId, siteId),
        [{ id: itemId, cmsLocaleIds: cmsLocaleId ? [cmsLocaleId] : undefined }],
        'designer',
      ),
    archiveItem: (collectionId: string, itemId: string, archived = true, siteId?: string) =>
      updateItems(this.ctx, this.collection(collectionId, siteId), [{ id: itemId, isArchived: archived }], {
        live: false,
        source: 'designer',
        multi: false,
      })[0] as CollectionItem,
    /** Without a locale the whole item goes, every locale with it. */
    deleteItem: (collectionId: string, itemId: string, siteId?: string, cmsLocaleId?: string): void =>
      deleteItems(
        this.ctx,
        this.collection(collectionId, siteId),
        [{ id: itemId, cmsLocaleIds: cmsLocaleId ? [cmsLocaleId] : undefined }],
        'designer',
      ),
    /** A Designer publish: not held to the one-per-minute API limit, but it counts toward it. */
    publishSite: (siteId: string, displayName = 'Dana Designer'): void => {
      const site = this.ctx.store.sites.get(siteId)
      if (!site) throw notFound('site')
      publishSite(this.ctx, site, 'designer', displayName)
    },
  }

  setSitePlan(siteId: string, plan: SitePlan): void {
    const site = this.ctx.store.sites.get(siteId)
    if (!site) throw notFound('site')
    site.plan = plan
  }

  setConfig(patch: Partial<RuntimeConfig>): RuntimeConfig {
    const next = RuntimeConfig.safeParse({ ...this.ctx.config, ...patch })
    if (!next.success)
      throw validationError(
        next.error.issues.map((i) => ({ param: i.path.join('.'), description: i.message })),
      )
    Object.assign(this.ctx.config, next.data)
    return this.ctx.config
  }

  setFaults(input: unknown): FaultConfig {
    return this.faults.set(input)
  }

  clearFaults(): void {
    this.faults.clear()
  }

  advanceClock(ms: number): number {
    this.clockOffset.ms += ms
    return this.ctx.now()
  }

  counters() {
    return this.stats.snapshot()
  }

  requests(limit = 100) {
    return this.stats.recentRequests(limit)
  }

  deliveries(limit = 100) {
    return this.stats.recentDeliveries(limit)
  }

  resetCounters(): void {
    this.stats.reset()
  }

  /** Resolves once every queued webhook delivery has been attempted and no retry is waiting. */
  webhooksIdle(timeoutMs?: number): Promise<void> {
    return this.dispatcher.idle(timeoutMs)
  }

  webhooks() {
    return [...this.ctx.store.webhooks.values()].map((w) => ({
      id: w.id,
      siteId: w.siteId,
      triggerType: w.triggerType,
      url: w.url,
      active: w.active,
      createdWith: w.createdWith,
    }))
  }

  reactivateWebhook(id: string): void {
    const hook = this.ctx.store.webhooks.get(id)
    if (!hook) throw notFound('webhook')
    hook.active = true
  }

  state() {
    const s = this.ctx.store
    return {
      now: new Date(this.ctx.now()).toISOString(),
      config: this.ctx.config,
      faults: this.faults.config,
      workspaces: [...s.workspaces.values()],
      sites: [...s.sites.values()].map((site) => ({
        id: site.id,
        displayName: site.displayName,
        plan: site.plan,
        itemCount: site.itemCount,
        collections: [...site.collectionIds].map((id) => {
          const c = s.collections.get(id)
          return { id, displayName: c?.displayName, items: c?.items.size ?? 0 }
        }),
      })),
      tokens: [...s.tokens.values()].map((t) => ({
        id: t.id,
        kind: t.kind,
        scopes: [...t.scopes],
        revoked: t.revoked,
      })),
      webhooks: this.webhooks(),
    }
  }
}
