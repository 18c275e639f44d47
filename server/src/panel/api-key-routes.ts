import { ApiKeyCreated, ApiKeyCreateRequest, ApiKeyList } from '@bindery/shared/api/content'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { createApiKey, listApiKeys, revokeApiKey } from '../content/api-keys'
import type { Db } from '../db/pool'
import { notFound } from '../http/app-error'

const SiteParams = z.object({ siteId: z.string().min(1).max(64) })

/** Content-API keys of the designer's own site, from the panel (the session guard checks the site). */
export const panelApiKeyRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get('/api-keys', { schema: { params: SiteParams, response: { 200: ApiKeyList } } }, async (req) => ({
    apiKeys: await listApiKeys(db, req.params.siteId),
  }))

  app.post(
    '/api-keys',
    { schema: { params: SiteParams, body: ApiKeyCreateRequest, response: { 201: ApiKeyCreated } } },
    async (req, reply) => reply.code(201).send(await createApiKey(db, req.params.siteId, req.body.name)),
  )

  app.delete(
    '/api-keys/:id',
    { schema: { params: SiteParams.extend({ id: z.uuid() }) } },
    async (req, reply) => {
      // Scoped to the session's site: another site's key is simply not found.
      if (!(await revokeApiKey(db, req.params.id, req.params.siteId))) throw notFound('API key')
      return reply.code(204).send()
    },
  )
}
