import type { SitePlan } from './plans.ts'

// In-memory state. Timestamps are epoch ms from the simulator clock; serialize.ts renders ISO.

export interface Workspace {
  id: string
  displayName: string
}

export interface User {
  id: string
  // Documented as "string or null" by the ID token resolve (docs/webflow.md, ID token resolve).
  email: string | null
  firstName: string | null
  lastName: string | null
}

export interface LocaleRec {
  id: string
  cmsLocaleId: string
  displayName: string
  tag: string
  subdirectory: string
}

export interface DomainRec {
  id: string
  url: string
  lastPublished: number | null
}

export interface SiteRec {
  id: string
  /** Last publish to the webflow.io subdomain; custom domains keep their own. */
  subdomainPublished: number | null
  workspaceId: string
  displayName: string
  shortName: string
  plan: SitePlan
  timeZone: string
  createdOn: number
  lastUpdated: number
  lastPublished: number | null
  /** locales[0] is the primary locale. */
  locales: LocaleRec[]
  customDomains: DomainRec[]
  collectionIds: Set<string>
  itemCount: number
}

export interface FieldRec {
  id: string
  slug: string
  displayName: string
  type: string
  isRequired: boolean
  isEditable: boolean
  helpText: string | null
  validations: Record<string, unknown> | null
}

export interface ItemVersion {
  isArchived: boolean
  isDraft: boolean
  lastPublished: number | null
  lastUpdated: number
  createdOn: number
  fieldData: Record<string, unknown>
}

/** One locale variant of an item: the staged (CMS) record and, once published, the live one. */
export interface ItemVariant {
  cmsLocaleId: string
  staged: ItemVersion
  live: ItemVersion | null
}

/**
 * Counts every time an item version appears or goes (an item created or deleted, a version published
 * or unpublished): a list page reuses the collection's order built for the last one until it moves
 * (list-items.ts).
 */
export const versionSets = { revision: 0 }

export interface ItemRec {
  id: string
  collectionId: string
  variants: Map<string, ItemVariant>
}

export interface CollectionRec {
  id: string
  siteId: string
  displayName: string
  singularName: string
  slug: string
  createdOn: number
  lastUpdated: number
  fields: FieldRec[]
  /** Slugs of deleted fields: Webflow never hands a field slug out twice (docs/webflow.md). */
  retiredSlugs: Set<string>
  items: Map<string, ItemRec>
  /** `${cmsLocaleId}/${slug}` → item id: slugs are unique per collection and locale. */
  slugs: Map<string, string>
  /** Whether a site publish has taken the collection live (docs/webflow.md, New collections and the site). */
  published: boolean
}

export type TokenKind = 'oauth' | 'site'

export interface TokenRec {
  token: string
  /** Short, non-secret id used in counters and logs. */
  id: string
  kind: TokenKind
  clientId: string | null
  scopes: Set<string>
  /** OAuth tokens reach every site of these workspaces. */
  workspaceIds: string[]
  /** Site tokens reach exactly these sites; so do OAuth tokens of a site-scoped grant when not empty. */
  siteIds: string[]
  userId: string
  createdOn: number
  lastUsed: number | null
  revoked: boolean
}

export interface WebhookRec {
  id: string
  siteId: string
  workspaceId: string
  triggerType: string
  url: string
  filter: unknown
  createdOn: number
  lastTriggered: number | null
  /** Key the deliveries are signed with: the app's client secret or the webhook's own secretKey. */
  signingKey: string
  createdWith: TokenKind
  active: boolean
}

export interface AuthCode {
  code: string
  clientId: string
  redirectUri: string | null
  scopes: string[]
  workspaceId: string
  /** A site-scoped grant (grantScope 'site'); empty for a workspace grant. */
  siteIds: string[]
  userId: string
  expiresAt: number
  used: boolean
}

export interface IdTokenRec {
  siteId: string
  user: User
  expiresAt: number
}

export class Store {
  workspaces = new Map<string, Workspace>()
  users = new Map<string, User>()
  /** Owner (authorizing user) per workspace. */
  workspaceOwners = new Map<string, string>()
  sites = new Map<string, SiteRec>()
  collections = new Map<string, CollectionRec>()
  tokens = new Map<string, TokenRec>()
  webhooks = new Map<string, WebhookRec>()
  codes = new Map<string, AuthCode>()
  idTokens = new Map<string, IdTokenRec>()

  reset(): void {
    for (const map of [
      this.workspaces,
      this.users,
      this.workspaceOwners,
      this.sites,
      this.collections,
      this.tokens,
      this.webhooks,
      this.codes,
      this.idTokens,
    ]) {
      map.clear()
    }
  }

  /** Sites a token reaches. */
  sitesOf(token: TokenRec): SiteRec[] {
    if (token.kind === 'site') {
      return token.siteIds.flatMap((id) => {
        const site = this.sites.get(id)
        return site ? [site] : []
      })
    }
    return [...this.sites.values()].filter((s) => this.canReach(token, s))
  }

  canReach(token: TokenRec, site: SiteRec): boolean {
    if (token.kind === 'site' || token.siteIds.length > 0) return token.siteIds.includes(site.id)
    return token.workspaceIds.includes(site.workspaceId)
  }
}
