import { TriggerType } from '@bindery/shared/webflow'
import type { FastifyInstance } from 'fastify'
import { requireScope, siteFor } from '../access.ts'
import type { SimContext } from '../context.ts'
import { notAuthorized, notFound, validationError, WebflowApiError } from '../errors.ts'
import { newId, randomHex } from '../ids.ts'
import { toWebhook } from '../serialize.ts'
import type { WebhookRec } from '../store.ts'

export const maxWebhooksPerTrigger = 75

const isHttpUrl = (v: unknown) => {
  try {
    return typeof v === 'string' && /^https?:$/.test(new URL(v).protocol)
  } catch {
    return false
  }
}

/**
 * Webhook registry (docs/webflow.md, Webhook deliveries). A deactivated webhook is still listed and returned by GET —
 * Webflow's Webhook object has no status field; GET /_sim/webhooks shows `active`.
 */
export function webhookRoutes(app: FastifyInstance, ctx: SimContext): void {
  const reach = (token: Parameters<typeof siteFor>[1], id: string): WebhookRec => {
    const hook = ctx.store.webhooks.get(id)
    if (!hook) throw notFound('webhook')
    const site = ctx.store.sites.get(hook.siteId)
    if (!site || !ctx.store.canReach(token, site)) throw notAuthorized()
    return hook
  }

  app.get<{ Params: { siteId: string } }>('/v2/sites/:siteId/webhooks', async (req) => {
    const site = siteFor(ctx, requireScope(req, 'sites:read'), req.params.siteId)
    const webhooks = [...ctx.store.webhooks.values()].filter((w) => w.siteId === site.id).map(toWebhook)
    return { webhooks, pagination: { limit: 100, offset: 0, total: webhooks.length } }
  })

  app.post<{ Params: { siteId: string } }>('/v2/sites/:siteId/webhooks', async (req, reply) => {
    const token = requireScope(req, 'sites:write')
    const site = siteFor(ctx, token, req.params.siteId)
    const body = (req.body ?? {}) as Record<string, unknown>
    if (!TriggerType.safeParse(body.triggerType).success) {
      throw new WebflowApiError(
        400,
        'unsupported_webhook_trigger_type',
        `Unsupported webhook trigger type: '${String(body.triggerType)}'`,
      )
    }
    if (!isHttpUrl(body.url))
      throw validationError([{ param: 'url', description: 'Expected an http(s) URL' }])
    const triggerType = String(body.triggerType)
    const sameType = [...ctx.store.webhooks.values()].filter(
      (w) => w.siteId === site.id && w.triggerType === triggerType,
    )
    if (sameType.length >= maxWebhooksPerTrigger) {
      // The limit is documented; the error for the 76th is [unconfirmed].
      throw validationError([
        {
          param: 'triggerType',
          description: `At most ${maxWebhooksPerTrigger} webhooks per trigger type per site`,
        },
      ])
    }
    // Site-token webhooks get their own signing secret, shown once; app webhooks use the client secret.
    const secretKey = token.kind === 'site' ? randomHex(32) : null
    const hook: WebhookRec = {
      id: newId(),
      siteId: site.id,
      workspaceId: site.workspaceId,
      triggerType,
      url: String(body.url),
      filter: body.filter ?? null,
      createdOn: ctx.now(),
      lastTriggered: null,
      signingKey: secretKey ?? ctx.app.clientSecret,
      createdWith: token.kind,
      active: true,
    }
    ctx.store.webhooks.set(hook.id, hook)
    reply.code(201)
    return secretKey ? { ...toWebhook(hook), secretKey } : toWebhook(hook)
  })

  app.get<{ Params: { webhookId: string } }>('/v2/webhooks/:webhookId', async (req) => {
    return toWebhook(reach(requireScope(req, 'sites:read'), req.params.webhookId))
  })

  app.delete<{ Params: { webhookId: string } }>('/v2/webhooks/:webhookId', async (req, reply) => {
    const hook = reach(requireScope(req, 'sites:write'), req.params.webhookId)
    ctx.store.webhooks.delete(hook.id)
    reply.code(204).send()
  })
}
