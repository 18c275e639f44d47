import { ApiKeyCreated, ApiKeyCreateRequest, ApiKeyList } from '@bindery/shared/api/content'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { createApiKey, listApiKeys, revokeApiKey } from '../content/api-keys'
import type { Db } from '../db/pool'
import { requireSession } from '../session/designer-auth'
import { notFound } from '../vocabulary/app-error'

const SiteParams = z.object({ siteId: z.string().min(1).max(64) })

const manage = { permission: 'manage' } as const
const by = (req: FastifyRequest) => `user:${requireSession(req).userId}`

/**
 * Content-API keys of the designer's own site, from the panel: site managers only (designer-auth
 * checks the site and the role); each key records the manager who made it.
 */
export const panelApiKeyRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api-keys',
    { schema: { params: SiteParams, response: { 200: ApiKeyList } }, config: manage },
    async (req) => ({ apiKeys: await listApiKeys(db, req.params.siteId) }),
  )

  app.post(
    '/api-keys',
    {
      schema: { params: SiteParams, body: ApiKeyCreateRequest, response: { 201: ApiKeyCreated } },
      config: manage,
    },
    async (req, reply) => reply.code(201).send(await createApiKey(db, req.params.siteId, req.body, by(req))),
  )

  app.delete(
    '/api-keys/:id',
    { schema: { params: SiteParams.extend({ id: z.uuid() }) }, config: manage },
    async (req, reply) => {
      // Scoped to the session's site: another site's key is simply not found.
      if (!(await revokeApiKey(db, req.params.id, by(req), req.params.siteId))) throw notFound('API key')
      return reply.code(204).send()
    },
  )
}
