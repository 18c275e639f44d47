// Site plans drive the per-token rate limit (docs/webflow.md, Rate limits) and the site-wide CMS item cap
// (docs/webflow.md, Item cap: third-party numbers; Starter/Basic caps are our guess).
export const SitePlan = ['starter', 'basic', 'cms', 'ecommerce', 'business', 'enterprise'] as const
export type SitePlan = (typeof SitePlan)[number]

const rateLimits: Record<SitePlan, number> = {
  starter: 60,
  basic: 60,
  cms: 120,
  ecommerce: 120,
  business: 120,
  enterprise: 120,
}

const itemCaps: Record<SitePlan, number> = {
  starter: 50,
  basic: 50,
  cms: 2000,
  ecommerce: 2000,
  business: 10000,
  enterprise: Number.POSITIVE_INFINITY,
}

export function planRateLimit(plan: SitePlan): number {
  return rateLimits[plan]
}

export function planItemCap(plan: SitePlan): number {
  return itemCaps[plan]
}
