import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/**
 * Who a route is for. Every route belongs to exactly one audience, set by the scope it is
 * registered in (`app.ts`), never by looking at its URL:
 * - `public`: no credentials (health, OAuth, signed webhooks, `POST /api/session`, docs, playground);
 * - `content`: a site's content API key (`/api/v1`);
 * - `designer`: a designer session bound to the URL's site (`/api/sites/:siteId`);
 * - `admin`: the admin token (`/admin/api`);
 * - `metrics`: a Prometheus scraper with METRICS_TOKEN or the admin token (`/metrics`).
 */
export type Audience = 'public' | 'content' | 'designer' | 'admin' | 'metrics'

export type RouteEntry = { method: string; url: string; audience: Audience | undefined }

declare module 'fastify' {
  interface FastifyContextConfig {
    audience?: Audience
  }
  interface FastifyInstance {
    /** Every route of the app with the audience its scope gave it (filled as routes are added). */
    routeTable: RouteEntry[]
  }
}

/**
 * Marks every route added to `scope` (and its children) with `audience`. Call first thing in a
 * scope, before its routes; a scope's own hook runs after the root's tracker, on the same options.
 */
export function markAudience(scope: FastifyInstance, audience: Audience) {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, audience }
  })
}

/**
 * Registered on the root before any route: records every route (`app.routeTable`), and refuses to
 * start (`ready()` rejects) when one was registered outside every audience scope, so a forgotten
 * guard cannot ship. A fastify-plugin: its hooks and decorator belong to the app that registers it.
 */
export const audienceTracker = fp(
  async (app: FastifyInstance) => {
    const routes: { method: string | string[]; url: string; config?: { audience?: Audience } }[] = []
    app.addHook('onRoute', (route) => {
      routes.push(route as (typeof routes)[number])
    })
    const table = (): RouteEntry[] =>
      routes.flatMap((r) =>
        [r.method].flat().map((method) => ({ method, url: r.url, audience: r.config?.audience })),
      )
    app.decorate('routeTable', { getter: table })
    app.addHook('onReady', async () => {
      const stray = table().filter((r) => !r.audience)
      if (stray.length) {
        throw new Error(
          `routes outside every audience scope: ${stray.map((r) => `${r.method} ${r.url}`).join(', ')}`,
        )
      }
    })
  },
  { name: 'bindery-audiences' },
)
