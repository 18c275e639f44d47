import * as W from '@bindery/shared/webflow'
import type { Logger } from 'pino'
import { WebflowClient as Sdk, WebflowError } from 'webflow-api'
import type { z } from 'zod'
import { recordRateWait, recordWebflowRequest } from '../metrics/record-metrics'
import type { CircuitBreaker } from './circuit-breaker'
import type { RateGate } from './rate-gate'
import { WebflowApiError } from './webflow-api-error'

/**
 * The one way Bindery talks to Webflow's Data API: the official SDK with its own retries off (the
 * item lists and the beta token resolve straight over fetch), every call paced by the token's rate
 * gate, answers validated with the shapes in `shared/webflow`.
 * 429s wait out `Retry-After` and go again; other transient failures are retried only for calls that
 * are safe to repeat. A create whose outcome is unknown is left to the caller, which settles it by
 * looking the slug up (retrying blindly could make a second item). With a breaker, a token whose
 * calls keep failing fails fast (CircuitOpenError) until a probe gets through.
 */
export type WebflowClientOptions = {
  apiUrl: string
  accessToken: string
  /** Identifies the token's budget in the gate without exposing the token. */
  tokenKey: string
  gate: RateGate
  /** Every call asks it first and reports its outcome; see CircuitBreaker. */
  breaker?: CircuitBreaker
  log: Logger
  /**
   * Webflow refused the token itself (401, or 403 for what the grant does not cover): returns the
   * error to throw instead, after recording it. Never retried: no retry can make a revoked token work.
   */
  onRefused?: (e: WebflowApiError) => Promise<Error>
  timeoutSeconds?: number
  maxAttempts?: number
  sleep?: (ms: number) => Promise<void>
}

type CallOptions = {
  idempotent: boolean
  /** A 429 here is the call's own limit (one site publish a minute), not the token's budget. */
  ownLimit?: boolean
}
/** An answer; `wire`: read straight off the wire (`fetchJson`), not converted by the SDK. */
type Raw = { data: unknown; rawResponse: { headers: Headers; status: number }; wire?: boolean }
export type ItemWrite = {
  id?: string
  /** The locale version to write (docs/webflow.md "Localization"); absent: the primary. */
  cmsLocaleId?: string
  isDraft?: boolean
  isArchived?: boolean
  fieldData: Record<string, unknown>
}

export function createWebflowClient(o: WebflowClientOptions) {
  const sdk = new Sdk({ accessToken: o.accessToken, baseUrl: `${o.apiUrl}/v2`, maxRetries: 0 })
  const per = { maxRetries: 0, timeoutInSeconds: o.timeoutSeconds ?? 30 }
  const maxAttempts = o.maxAttempts ?? 6
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))

  async function call<S extends z.ZodType>(
    label: string,
    schema: S | null,
    run: () => Promise<Raw>,
    { idempotent, ownLimit }: CallOptions,
  ): Promise<z.infer<S>> {
    for (let attempt = 1; ; attempt++) {
      // Before the gate: a refused call spends none of the budget.
      await o.breaker?.before(o.tokenKey)
      const waitStart = performance.now()
      await o.gate.acquire(o.tokenKey)
      recordRateWait((performance.now() - waitStart) / 1000)
      try {
        const { data, rawResponse, wire } = await run()
        recordWebflowRequest(label, rawResponse.status)
        await observe(rawResponse.headers)
        await o.breaker?.success(o.tokenKey)
        if (!schema) return undefined as z.infer<S>
        const parsed = schema.safeParse(wire ? data : datesToIso(data))
        if (!parsed.success)
          throw new WebflowApiError(502, 'unexpected_response', `${label}: ${parsed.error.message}`)
        return parsed.data
      } catch (err) {
        const e = toApiError(err)
        // An answer that failed our own validation was a 2xx: counted above already.
        if (e.code !== 'unexpected_response') recordWebflowRequest(label, e.status)
        if ((e.status === 401 || e.status === 403) && o.onRefused) throw await o.onRefused(e)
        if (e.status === 429 && ownLimit) throw e
        if (e.status === 429) await o.gate.pause(o.tokenKey, e.retryAfterSeconds ?? 60)
        await reportOutcome(e)
        const retry = attempt < maxAttempts && (e.status === 429 || (e.transient && idempotent))
        o.log.warn({ call: label, status: e.status, code: e.code, attempt, retry }, 'Webflow call failed')
        if (!retry) throw e
        if (e.status !== 429) await sleep(backoffMs(attempt))
      }
    }
  }

  async function observe(headers: Headers) {
    const limit = Number(headers.get('x-ratelimit-limit'))
    const remaining = Number(headers.get('x-ratelimit-remaining'))
    if (headers.has('x-ratelimit-remaining') && limit > 0) await o.gate.observe(o.tokenKey, limit, remaining)
  }

  /** No answer or Webflow's own failure trips the breaker; any other answer shows Webflow is up. */
  async function reportOutcome(e: WebflowApiError) {
    if (!o.breaker || e.code === 'unexpected_response') return
    if (e.status === 0 || e.status >= 500)
      await o.breaker.failure(o.tokenKey, `${e.status} ${e.code}: ${e.message}`)
    else if (e.status !== 429) await o.breaker.success(o.tokenKey)
  }

  const items = sdk.collections.items
  const idem = { idempotent: true }
  const once = { idempotent: false }
  return {
    listSites: () => call('sites.list', W.SiteList, () => sdk.sites.list(per).withRawResponse(), idem),
    getSite: (siteId: string) =>
      call('sites.get', W.Site, () => sdk.sites.get(siteId, per).withRawResponse(), idem),
    /** The webflow.io subdomain and the custom domains given by id (docs/webflow.md, Site publish and domains). */
    publishSite: (siteId: string, customDomains: string[] = []) =>
      call(
        'sites.publish',
        W.SitePublishResponse,
        () =>
          sdk.sites
            .publish(siteId, { publishToWebflowSubdomain: true, customDomains }, per)
            .withRawResponse(),
        { idempotent: false, ownLimit: true },
      ),
    listCustomDomains: (siteId: string) =>
      call(
        'sites.customDomains',
        W.CustomDomainList,
        () => sdk.sites.getCustomDomain(siteId, per).withRawResponse(),
        idem,
      ),
    listCollections: (siteId: string) =>
      call(
        'collections.list',
        W.CollectionList,
        () => sdk.collections.list(siteId, per).withRawResponse(),
        idem,
      ),
    getCollection: (id: string) =>
      call('collections.get', W.Collection, () => sdk.collections.get(id, per).withRawResponse(), idem),
    createCollection: (
      siteId: string,
      body: { displayName: string; singularName: string; slug?: string; fields?: unknown[] },
    ) =>
      call(
        'collections.create',
        W.Collection,
        () => sdk.collections.create(siteId, body as never, per).withRawResponse(),
        once,
      ),
    deleteCollection: (id: string) =>
      call('collections.delete', null, () => sdk.collections.delete(id, per).withRawResponse(), idem),
    createField: (collectionId: string, field: unknown) =>
      call(
        'fields.create',
        W.Field,
        () => sdk.collections.fields.create(collectionId, field as never, per).withRawResponse(),
        once,
      ),
    listItems: (
      collectionId: string,
      q: {
        offset?: number
        limit?: number
        slug?: string
        live?: boolean
        sortBy?: 'createdOn' | 'lastUpdated'
        sortOrder?: 'asc' | 'desc'
        /** One locale's versions; absent: the primary's. */
        cmsLocaleId?: string
      },
    ) => {
      const { live, ...query } = q
      // Off the wire, not through the SDK: a page of 100 items is the hottest answer of a push or a
      // reconcile, and the SDK converts it field by field before the shared shapes check it again.
      const path = `collections/${encodeURIComponent(collectionId)}/items${live ? '/live' : ''}`
      return call(
        live ? 'items.listLive' : 'items.list',
        W.ItemList,
        () => fetchJson('GET', path, query),
        idem,
      )
    },
    getItem: (collectionId: string, itemId: string, cmsLocaleId?: string) =>
      call(
        'items.get',
        W.CollectionItem,
        () => items.getItem(collectionId, itemId, cmsLocaleId ? { cmsLocaleId } : {}, per).withRawResponse(),
        idem,
      ),
    /**
     * POST …/items/bulk: each `fieldData` becomes one item in every listed locale, sharing one id
     * (docs/webflow.md "Localization"). One status for the whole request.
     */
    createItemsInLocales: (
      collectionId: string,
      body: {
        cmsLocaleIds: string[]
        fieldData: Record<string, unknown>[]
        isDraft: boolean
        isArchived: boolean
      },
    ) =>
      call(
        'items.createBulk',
        W.ItemsResponse,
        () => items.createItems(collectionId, body as never, per).withRawResponse(),
        once,
      ),
    /**
     * Up to 100 items in one request; `live` creates them published. Webflow may answer `{items}` in
     * any order or a single item (docs/webflow.md, Multi-item writes): callers match by slug.
     */
    createItems: (collectionId: string, writes: ItemWrite[], opts: { live: boolean }) =>
      call(
        opts.live ? 'items.createLive' : 'items.create',
        W.CreatedItems,
        () =>
          (opts.live ? items.createItemLive : items.createItem)
            .call(items, collectionId, { items: writes } as never, per)
            .withRawResponse(),
        once,
      ),
    /**
     * Bulk PATCH of up to 100 items; `live` publishes the changes too. Not retried on a lost answer:
     * a late resend could undo a Designer edit made meanwhile, so the push re-reads Webflow first.
     */
    updateItems: (collectionId: string, writes: ItemWrite[], opts: { live: boolean }) =>
      call(
        opts.live ? 'items.updateLive' : 'items.update',
        W.ItemsResponse,
        () =>
          opts.live
            ? items.updateItemsLive(collectionId, { items: writes } as never, per).withRawResponse()
            : items.updateItems(collectionId, { items: writes } as never, per).withRawResponse(),
        once,
      ),
    /** `cmsLocaleIds`: the locales to delete; absent, Webflow deletes the primary (docs/webflow.md). */
    deleteItems: (collectionId: string, ids: string[], cmsLocaleIds?: string[] | null) =>
      call(
        'items.delete',
        null,
        () => items.deleteItems(collectionId, { items: refs(ids, cmsLocaleIds) }, per).withRawResponse(),
        idem,
      ),
    /** Unpublishes: the items stay in the CMS as drafts. */
    unpublishItems: (collectionId: string, ids: string[], cmsLocaleIds?: string[] | null) =>
      call(
        'items.unpublish',
        null,
        () => items.deleteItemsLive(collectionId, { items: refs(ids, cmsLocaleIds) }, per).withRawResponse(),
        idem,
      ),
    publishItems: (collectionId: string, ids: string[], cmsLocaleIds?: string[] | null) =>
      call(
        'items.publish',
        W.PublishItemsResponse,
        () =>
          items
            .publishItem(
              collectionId,
              (cmsLocaleIds?.length ? { items: refs(ids, cmsLocaleIds) } : { itemIds: ids }) as never,
              per,
            )
            .withRawResponse(),
        idem,
      ),
    listWebhooks: (siteId: string) =>
      call('webhooks.list', W.WebhookList, () => sdk.webhooks.list(siteId, per).withRawResponse(), idem),
    createWebhook: (siteId: string, body: { triggerType: string; url: string }) =>
      call(
        'webhooks.create',
        W.Webhook,
        () => sdk.webhooks.create(siteId, body as never, per).withRawResponse(),
        once,
      ),
    deleteWebhook: (id: string) =>
      call('webhooks.delete', null, () => sdk.webhooks.delete(id, per).withRawResponse(), idem),
    introspect: () =>
      call('token.introspect', W.TokenIntrospect, () => sdk.token.introspect(per).withRawResponse(), idem),
    authorizedBy: () =>
      call('token.authorizedBy', W.AuthorizedUser, () => sdk.token.authorizedBy(per).withRawResponse(), idem),
    /** The SDK has no ID-token resolve; it lives on the beta host. */
    resolveIdToken: (idToken: string) =>
      call(
        'token.resolve',
        W.TokenResolveResponse,
        () => fetchJson('POST', '../beta/token/resolve', { idToken }),
        idem,
      ),
  }

  /**
   * A Data API call without the SDK, `path` under /v2: a GET's `body` is its query. A non-2xx answer
   * throws what the SDK would, for `call` to read the same way.
   */
  async function fetchJson(
    method: 'GET' | 'POST',
    path: string,
    body: Record<string, unknown>,
  ): Promise<Raw> {
    const url = new URL(path, `${o.apiUrl}/v2/`)
    if (method === 'GET') {
      for (const [k, v] of Object.entries(body)) if (v !== undefined) url.searchParams.set(k, String(v))
    }
    const res = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${o.accessToken}`,
        accept: 'application/json',
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      },
      body: method === 'POST' ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(per.timeoutInSeconds * 1000),
    })
    const data = await res.json().catch(() => undefined)
    if (!res.ok) throw new WebflowError({ statusCode: res.status, body: data, rawResponse: res as never })
    return { data, rawResponse: { headers: res.headers, status: res.status }, wire: true }
  }
}

export type WebflowApi = ReturnType<typeof createWebflowClient>

/** Bulk item references, naming the locales when there are any. */
function refs(ids: string[], cmsLocaleIds?: string[] | null) {
  return ids.map((id) => (cmsLocaleIds?.length ? { id, cmsLocaleIds } : { id }))
}

/** Exponential backoff with full jitter: 0.5 s, 1 s, 2 s … capped at 30 s. */
export function backoffMs(attempt: number): number {
  return Math.random() * Math.min(30_000, 500 * 2 ** (attempt - 1))
}

/**
 * The SDK turns timestamps into `Date`s, but only when a whole response passes its own checks; the
 * shared shapes are the wire's ISO strings, so Dates go back to what Webflow sent.
 */
function datesToIso(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString()
  if (Array.isArray(v)) return v.map(datesToIso)
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, datesToIso(x)]))
  }
  return v
}

function toApiError(err: unknown): WebflowApiError {
  if (err instanceof WebflowApiError) return err
  if (err instanceof WebflowError) {
    const status = err.statusCode ?? 0
    const body = W.WebflowErrorBody.safeParse(err.body)
    const retryAfter = Number(err.rawResponse?.headers?.get?.('retry-after'))
    return new WebflowApiError(
      status,
      body.success ? (body.data.code ?? `http_${status}`) : status ? `http_${status}` : 'no_response',
      body.success ? body.data.message : err.message,
      body.success ? (body.data.details ?? []) : [],
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    )
  }
  return new WebflowApiError(0, 'no_response', err instanceof Error ? err.message : String(err))
}
