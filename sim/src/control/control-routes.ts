import type { FastifyInstance } from 'fastify'
import { validationError } from '../errors.ts'
import { SitePlan } from '../plans.ts'
import type { Control } from './control.ts'
import type { SeedInput } from './seed.ts'

type Body = Record<string, unknown>
type ItemRoute = {
  Params: { siteId: string; collectionId: string; itemId: string }
  Body: Body
  Querystring: { cmsLocaleId?: string }
}

/** The locale a Designer action targets: `?cmsLocaleId=` or the body's `cmsLocaleId`. */
const localeOf = (req: { query: { cmsLocaleId?: string }; body?: Body }) =>
  req.query.cmsLocaleId ?? (typeof req.body?.cmsLocaleId === 'string' ? req.body.cmsLocaleId : undefined)

const scopesOf = (b: Body) => (Array.isArray(b.scopes) ? b.scopes.map(String) : undefined)

/** The /_sim/ control API: no auth, no rate limit; see sim/README.md. */
export function controlRoutes(app: FastifyInstance, control: Control): void {
  app.post('/_sim/reset', async () => {
    control.reset()
    return { ok: true }
  })
  app.post<{ Body: SeedInput }>('/_sim/seed', async (req) => control.seed(req.body ?? {}))
  app.post<{ Body: Body }>('/_sim/site-tokens', async (req) => ({
    token: control.siteToken(String(req.body?.siteId), scopesOf(req.body ?? {})),
  }))
  app.post<{ Body: Body }>('/_sim/oauth-tokens', async (req) => {
    const b = req.body ?? {}
    const siteIds = Array.isArray(b.siteIds) ? (b.siteIds as string[]) : []
    return { token: control.oauthToken(b.workspaceId as string | undefined, scopesOf(b), siteIds) }
  })
  app.post<{ Body: Body }>('/_sim/id-tokens', async (req) => {
    const b = req.body ?? {}
    return { idToken: control.idToken(String(b.siteId), (b.user ?? undefined) as Body | undefined) }
  })

  const items = '/_sim/sites/:siteId/collections/:collectionId/items'
  app.post<ItemRoute>(items, async (req, reply) => {
    reply.code(201)
    return control.designer.createItem(req.params.collectionId, req.body ?? {}, req.params.siteId)
  })
  app.patch<ItemRoute>(`${items}/:itemId`, async (req) =>
    control.designer.updateItem(
      req.params.collectionId,
      req.params.itemId,
      req.body ?? {},
      req.params.siteId,
    ),
  )
  app.post<ItemRoute>(`${items}/:itemId/publish`, async (req) =>
    control.designer.publishItem(
      req.params.collectionId,
      req.params.itemId,
      req.params.siteId,
      localeOf(req),
    ),
  )
  app.post<ItemRoute>(`${items}/:itemId/unpublish`, async (req, reply) => {
    control.designer.unpublishItem(
      req.params.collectionId,
      req.params.itemId,
      req.params.siteId,
      localeOf(req),
    )
    reply.code(204).send()
  })
  app.post<ItemRoute>(`${items}/:itemId/archive`, async (req) =>
    control.designer.archiveItem(
      req.params.collectionId,
      req.params.itemId,
      req.body?.isArchived !== false,
      req.params.siteId,
    ),
  )
  app.delete<ItemRoute>(`${items}/:itemId`, async (req, reply) => {
    control.designer.deleteItem(req.params.collectionId, req.params.itemId, req.params.siteId, localeOf(req))
    reply.code(204).send()
  })
  app.post<{ Params: { siteId: string }; Body: Body }>('/_sim/sites/:siteId/publish', async (req) => {
    control.designer.publishSite(req.params.siteId, req.body?.displayName as string | undefined)
    return { ok: true }
  })
  app.patch<{ Params: { siteId: string }; Body: Body }>('/_sim/sites/:siteId', async (req) => {
    const plan = SitePlan.find((p) => p === req.body?.plan)
    if (!plan) throw validationError([{ param: 'plan', description: `One of ${SitePlan.join(', ')}` }])
    control.setSitePlan(req.params.siteId, plan)
    return { ok: true }
  })

  app.get('/_sim/state', async () => control.state())
  app.put<{ Body: Body }>('/_sim/config', async (req) => control.setConfig(req.body ?? {}))
  app.get('/_sim/faults', async () => control.state().faults)
  app.put<{ Body: Body }>('/_sim/faults', async (req) => control.setFaults(req.body ?? {}))
  app.delete('/_sim/faults', async (_req, reply) => {
    control.clearFaults()
    reply.code(204).send()
  })
  app.post<{ Body: Body }>('/_sim/clock', async (req) => ({
    now: new Date(control.advanceClock(Number(req.body?.advanceMs ?? 0))).toISOString(),
  }))
  app.get('/_sim/counters', async () => control.counters())
  app.post('/_sim/counters/reset', async () => {
    control.resetCounters()
    return { ok: true }
  })
  app.get<{ Querystring: { limit?: string } }>('/_sim/requests', async (req) => ({
    requests: control.requests(Number(req.query.limit ?? 100)),
  }))
  app.get<{ Querystring: { limit?: string } }>('/_sim/webhook-deliveries', async (req) => ({
    deliveries: control.deliveries(Number(req.query.limit ?? 100)),
  }))
  app.get('/_sim/webhooks', async () => ({ webhooks: control.webhooks() }))
  app.post<{ Params: { id: string } }>('/_sim/webhooks/:id/reactivate', async (req) => {
    control.reactivateWebhook(req.params.id)
    return { ok: true }
  })
  app.post('/_sim/webhooks/idle', async () => {
    await control.webhooksIdle()
    return { ok: true }
  })
}
