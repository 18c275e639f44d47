import type { FastifyRequest } from 'fastify'
import type { SimContext } from './context.ts'
import { missingScopes, notAuthorized, notFound } from './errors.ts'
import type { CollectionRec, SiteRec, TokenRec } from './store.ts'

declare module 'fastify' {
  interface FastifyRequest {
    token: TokenRec | null
    /** A commit-then-hang fault drawn for this request. */
    hangAfterMs: number | null
  }
}

export function tokenOf(req: FastifyRequest): TokenRec {
  if (!req.token) throw notAuthorized()
  return req.token
}

/** 403 missing_scopes unless the token has every scope. */
export function requireScope(req: FastifyRequest, ...scopes: string[]): TokenRec {
  const token = tokenOf(req)
  const missing = scopes.filter((s) => !token.scopes.has(s))
  if (missing.length > 0) throw missingScopes(missing)
  return token
}

/**
 * A site the token reaches. Unknown ids are 404; a site the token was not authorized for is
 * 401 not_authorized ("token has no access to the resource", docs/webflow.md, Authentication and scopes).
 */
export function siteFor(ctx: SimContext, token: TokenRec, siteId: string): SiteRec {
  const site = ctx.store.sites.get(siteId)
  if (!site) throw notFound('site')
  if (!ctx.store.canReach(token, site)) throw notAuthorized()
  return site
}

export function collectionFor(ctx: SimContext, token: TokenRec, collectionId: string): CollectionRec {
  const c = ctx.store.collections.get(collectionId)
  if (!c) throw notFound('collection')
  const site = ctx.store.sites.get(c.siteId)
  if (!site || !ctx.store.canReach(token, site)) throw notAuthorized()
  return c
}
