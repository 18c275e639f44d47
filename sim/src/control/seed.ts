import { z } from 'zod'
import { createCollection } from '../collection-ops.ts'
import type { SimContext } from '../context.ts'
import { newId } from '../ids.ts'
import { createItems } from '../item-create.ts'
import { SitePlan } from '../plans.ts'
import { slugify } from '../slugs.ts'
import type { SiteRec } from '../store.ts'
import { issueOAuthToken, issueSiteToken } from '../tokens.ts'

const ItemSeed = z.object({
  fieldData: z.record(z.string(), z.unknown()),
  isDraft: z.boolean().optional(),
  isArchived: z.boolean().optional(),
  cmsLocaleId: z.string().optional(),
  /** Create it published (live), as if published in the Designer. */
  published: z.boolean().optional(),
})

const CollectionSeed = z.looseObject({
  id: z.string().optional(),
  displayName: z.string(),
  singularName: z.string(),
  slug: z.string().optional(),
  /** FieldCreate bodies; Reference metadata.collectionId may name a collection of the site by displayName. */
  fields: z.array(z.record(z.string(), z.unknown())).default([]),
  items: z.array(ItemSeed).default([]),
})

const LocaleSeed = z.object({
  id: z.string().optional(),
  cmsLocaleId: z.string().optional(),
  displayName: z.string(),
  tag: z.string(),
})

export const SiteSeed = z.object({
  id: z.string().optional(),
  workspaceId: z.string().optional(),
  displayName: z.string(),
  shortName: z.string().optional(),
  plan: z.enum(SitePlan).default('cms'),
  timeZone: z.string().default('UTC'),
  /** First is primary; default one English locale. */
  locales: z.array(LocaleSeed).default([{ displayName: 'English', tag: 'en' }]),
  customDomains: z.array(z.string()).default([]),
  collections: z.array(CollectionSeed).default([]),
})

const UserSeed = z.object({
  id: z.string().optional(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
})

export const SeedInput = z.object({
  workspaces: z
    .array(z.object({ id: z.string().optional(), displayName: z.string(), user: UserSeed.optional() }))
    .default([]),
  /** Sites without workspaceId go into the first workspace (one is made if none exists). */
  sites: z.array(SiteSeed).default([]),
  tokens: z
    .array(
      z.object({
        kind: z.enum(['oauth', 'site']),
        siteId: z.string().optional(),
        workspaceId: z.string().optional(),
        scopes: z.array(z.string()).optional(),
        token: z.string().optional(),
      }),
    )
    .default([]),
})
export type SeedInput = z.input<typeof SeedInput>

export interface SeedResult {
  workspaces: { id: string; displayName: string; userId: string }[]
  sites: {
    id: string
    displayName: string
    collections: { id: string; displayName: string; fields: Record<string, string>; itemIds: string[] }[]
  }[]
  tokens: { kind: 'oauth' | 'site'; token: string; id: string }[]
}

export function addWorkspace(
  ctx: SimContext,
  w: { id?: string; displayName: string; user?: z.infer<typeof UserSeed> },
) {
  const id = w.id ?? newId()
  const user = {
    id: w.user?.id ?? newId(),
    email: 'designer@example.com',
    firstName: 'Dana',
    lastName: 'Designer',
    ...w.user,
  }
  ctx.store.workspaces.set(id, { id, displayName: w.displayName })
  ctx.store.users.set(user.id, user)
  ctx.store.workspaceOwners.set(id, user.id)
  return { id, displayName: w.displayName, userId: user.id }
}

function addSite(ctx: SimContext, input: z.infer<typeof SiteSeed>, workspaceId: string): SiteRec {
  const now = ctx.now()
  const id = input.id ?? newId()
  const shortName = input.shortName ?? slugify(input.displayName)
  const site: SiteRec = {
    id,
    workspaceId,
    displayName: input.displayName,
    shortName,
    plan: input.plan,
    timeZone: input.timeZone,
    createdOn: now,
    lastUpdated: now,
    lastPublished: null,
    subdomainPublished: null,
    locales: input.locales.map((l) => ({
      id: l.id ?? newId(),
      cmsLocaleId: l.cmsLocaleId ?? newId(),
      displayName: l.displayName,
      tag: l.tag,
      subdirectory: l.tag.toLowerCase(),
    })),
    customDomains: input.customDomains.map((url) => ({ id: newId(), url, lastPublished: null })),
    collectionIds: new Set(),
    itemCount: 0,
  }
  ctx.store.sites.set(id, site)
  return site
}

/** Seeds workspaces, sites, collections, items and tokens; returns every id made. */
export function seed(ctx: SimContext, raw: SeedInput): SeedResult {
  const input = SeedInput.parse(raw)
  const result: SeedResult = { workspaces: [], sites: [], tokens: [] }
  for (const w of input.workspaces) result.workspaces.push(addWorkspace(ctx, w))
  for (const s of input.sites) {
    let workspaceId = s.workspaceId ?? [...ctx.store.workspaces.keys()][0]
    if (!workspaceId) {
      const w = addWorkspace(ctx, { displayName: 'Workspace' })
      result.workspaces.push(w)
      workspaceId = w.id
    }
    const site = addSite(ctx, s, workspaceId)
    const siteResult: SeedResult['sites'][number] = {
      id: site.id,
      displayName: site.displayName,
      collections: [],
    }
    for (const cs of s.collections) {
      const byName = new Map(
        [...site.collectionIds].map((cid) => [ctx.store.collections.get(cid)?.displayName, cid]),
      )
      const fields = cs.fields.map((f) => {
        const meta = f.metadata as { collectionId?: string } | undefined
        const target = meta?.collectionId ? byName.get(meta.collectionId) : undefined
        return target ? { ...f, metadata: { ...meta, collectionId: target } } : f
      })
      const c = createCollection(ctx, site, { ...cs, fields }, true)
      const itemIds: string[] = []
      for (const item of cs.items) {
        const [created] = createItems(ctx, c, [item], {
          live: item.published === true,
          source: 'designer',
          multi: false,
        })
        if (created) itemIds.push(created.id)
      }
      siteResult.collections.push({
        id: c.id,
        displayName: c.displayName,
        fields: Object.fromEntries(c.fields.map((f) => [f.slug, f.id])),
        itemIds,
      })
    }
    result.sites.push(siteResult)
  }
  for (const t of input.tokens) {
    const scopes = t.scopes ?? ctx.app.scopes
    const rec =
      t.kind === 'site'
        ? issueSiteToken(ctx, t.siteId ?? '', scopes, t.token)
        : issueOAuthToken(ctx, [t.workspaceId ?? [...ctx.store.workspaces.keys()][0] ?? ''], scopes, t.token)
    result.tokens.push({ kind: rec.kind, token: rec.token, id: rec.id })
  }
  return result
}
