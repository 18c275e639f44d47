import type { SimContext } from './context.ts'
import { newToken, randomHex } from './ids.ts'
import type { TokenRec } from './store.ts'

function ownerOf(ctx: SimContext, workspaceId: string): string {
  return ctx.store.workspaceOwners.get(workspaceId) ?? ''
}

/**
 * An OAuth access token of the registered app; it reaches every site of the workspaces, or only
 * `siteIds` for a site-scoped grant (docs/webflow.md, Grants and tokens).
 */
export function issueOAuthToken(
  ctx: SimContext,
  workspaceIds: string[],
  scopes: string[],
  token = newToken(),
  siteIds: string[] = [],
): TokenRec {
  const rec: TokenRec = {
    token,
    id: randomHex(6),
    kind: 'oauth',
    clientId: ctx.app.clientId,
    scopes: new Set(scopes),
    workspaceIds,
    siteIds,
    userId: ownerOf(ctx, workspaceIds[0] ?? ''),
    createdOn: ctx.now(),
    lastUsed: null,
    revoked: false,
  }
  ctx.store.tokens.set(rec.token, rec)
  return rec
}

/** A site token, as a user generates one in site settings. */
export function issueSiteToken(
  ctx: SimContext,
  siteId: string,
  scopes: string[],
  token = newToken(),
): TokenRec {
  const site = ctx.store.sites.get(siteId)
  const rec: TokenRec = {
    token,
    id: randomHex(6),
    kind: 'site',
    clientId: null,
    scopes: new Set(scopes),
    workspaceIds: [],
    siteIds: [siteId],
    userId: ownerOf(ctx, site?.workspaceId ?? ''),
    createdOn: ctx.now(),
    lastUsed: null,
    revoked: false,
  }
  ctx.store.tokens.set(rec.token, rec)
  return rec
}
