import type { LinkSummary, SiteCollections } from '@bindery/shared/api/links'
import { ErrorEnvelope } from '@bindery/shared/errors'
import { afterEach, vi } from 'vitest'
import type { z } from 'zod'
import { contractOf } from './contracts'

export const API = 'http://api.test'

type Handler = (req: { body: unknown; headers: Record<string, string>; url: URL }) => unknown
type Reply = { status: number; body: unknown }

/** A reply with a status other than 200. */
export const reply = (status: number, body: unknown = undefined): Reply => ({ status, body })

/** Contract breaches seen by the fake backend; each test fails with them (checked after every test). */
const breaches: string[] = []
afterEach(() => {
  const found = breaches.splice(0)
  if (found.length) throw new Error(`the fake backend broke the shared contracts:\n${found.join('\n')}`)
})

function check(what: string, schema: z.ZodType | undefined, value: unknown) {
  if (!schema) return
  const parsed = schema.safeParse(value)
  if (!parsed.success) breaches.push(`${what}: ${parsed.error.message}`)
}

/**
 * Stubs `fetch` at the network boundary with a route table keyed `METHOD /path` (no query).
 * Handlers return a JSON body, or `reply(status, body)`; unknown routes answer 404 in the envelope.
 * Every request must be a route of the panel's contract table (`contracts.ts`), with a body its
 * schema accepts, and every answer must parse with the route's schema (errors with the envelope's).
 */
export function stubBackend(routes: Record<string, Handler | unknown>) {
  const calls: { method: string; path: string; body: unknown; headers: Record<string, string> }[] = []
  const fetchMock = vi.fn(async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input))
    const method = init.method ?? 'GET'
    const headers = (init.headers ?? {}) as Record<string, string>
    const body = init.body ? JSON.parse(String(init.body)) : undefined
    calls.push({ method, path: url.pathname, body, headers })
    const contract = contractOf(method, url.pathname)
    if (!contract) breaches.push(`${method} ${url.pathname} is not a route of the panel's contract`)
    else if (method !== 'GET' && method !== 'DELETE')
      check(`${method} ${url.pathname} body`, contract.body, body)
    const route = routes[`${method} ${url.pathname}`]
    if (route === undefined)
      return json(404, { error: { code: 'not_found', message: `no route ${method} ${url.pathname}` } })
    const out = await (typeof route === 'function' ? (route as Handler)({ body, headers, url }) : route)
    const r: Reply =
      out && typeof out === 'object' && 'status' in out && 'body' in out
        ? (out as Reply)
        : { status: 200, body: out }
    const where = `${method} ${url.pathname} answer ${r.status}`
    if (r.status >= 400) check(where, ErrorEnvelope, r.body)
    else if (r.status !== 204) check(where, contract?.reply, r.body)
    return r.status === 204 ? new Response(null, { status: 204 }) : json(r.status, r.body)
  })
  vi.stubGlobal('fetch', fetchMock)
  return { calls, fetchMock }
}

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

export const SESSION = {
  token: 'session-1',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  role: 'editor' as const,
  user: { id: 'u1', email: 'dana@example.com', name: 'Dana Designer' },
  site: { id: 'site-1', displayName: 'Demo Site' },
}

export function link(over: Partial<LinkSummary> = {}): LinkSummary {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    hubCollectionId: '22222222-2222-4222-8222-222222222222',
    webflowCollectionId: 'wf-authors',
    direction: 'two-way',
    conflictPolicy: 'newest',
    deleteMode: 'delete',
    publishSite: false,
    publishCustomDomains: true,
    state: 'live',
    fields: [
      { hubSlug: 'name', webflowSlug: 'name', type: 'text' },
      { hubSlug: 'slug', webflowSlug: 'slug', type: 'text' },
      { hubSlug: 'bio', webflowSlug: 'bio', type: 'text' },
    ],
    progress: { done: 2, total: 2 },
    counts: { synced: 2, pending: 0, failed: 0, conflict: 0 },
    lastSyncedAt: new Date().toISOString(),
    lastError: null,
    ...over,
  }
}

export function collections(links: LinkSummary[] = []): SiteCollections {
  return {
    hub: [
      {
        id: '22222222-2222-4222-8222-222222222222',
        slug: 'authors',
        name: 'Authors',
        itemCount: 2,
        fields: [
          { slug: 'name', name: 'Name', type: 'text' },
          { slug: 'slug', name: 'Slug', type: 'text' },
          { slug: 'bio', name: 'Bio', type: 'text' },
        ],
      },
    ],
    webflow: [
      {
        id: 'wf-authors',
        slug: 'authors',
        displayName: 'Authors',
        fields: [{ id: 'f1', slug: 'bio', displayName: 'Bio', type: 'PlainText', hubType: 'text' }],
      },
      {
        id: 'wf-posts',
        slug: 'blog-posts',
        displayName: 'Blog Posts',
        fields: [
          { id: 'f2', slug: 'body', displayName: 'Body', type: 'RichText', hubType: 'richText' },
          { id: 'f3', slug: 'featured', displayName: 'Featured', type: 'Switch', hubType: 'boolean' },
          {
            id: 'f4',
            slug: 'price',
            displayName: 'Price',
            type: 'Price',
            hubType: null,
            unsupportedReason: 'Price fields belong to e-commerce and are not synced.',
          },
        ],
      },
    ],
    links,
  }
}
