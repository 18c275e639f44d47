import {
  ApiKeyCreated,
  ApiKeyCreateRequest,
  ApiKeyIdParams,
  ApiKeyList,
  ApiKeySiteParams,
} from '@bindery/shared/api/content'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Db } from '../db/pool'
import { notFound } from '../vocabulary/app-error'
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys'

/** Admin API for content-API keys: create (the key is shown once), list, revoke. */
export const adminApiKeysRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.post(
    '/sites/:siteId/api-keys',
    { schema: { params: ApiKeySiteParams, body: ApiKeyCreateRequest, response: { 201: ApiKeyCreated } } },
    async (req, reply) => reply.code(201).send(await createApiKey(db, req.params.siteId, req.body, 'admin')),
  )

  app.get(
    '/sites/:siteId/api-keys',
    { schema: { params: ApiKeySiteParams, response: { 200: ApiKeyList } } },
    async (req) => ({ apiKeys: await listApiKeys(db, req.params.siteId) }),
  )

  app.delete('/api-keys/:id', { schema: { params: ApiKeyIdParams } }, async (req, reply) => {
    if (!(await revokeApiKey(db, req.params.id, 'admin'))) throw notFound('API key')
    return reply.code(204).send()
  })
}
