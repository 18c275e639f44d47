import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Db } from '../db/pool'
import type { Boss } from '../jobs/boss'
import { adminApiKeysRoutes } from './admin-api-keys-routes'
import { apiKeyAuth } from './api-key-auth'
import { collectionsRoutes } from './collections-routes'
import { itemsRoutes } from './items-routes'
import { localesRoutes } from './locales-routes'
import { rejectNulCharacters } from './reject-nul'

/** The content API under `/api/v1` (API-key auth) and the admin API for its keys. */
export const contentApi: FastifyPluginAsyncZod<{ db: Db; boss: Boss; adminToken: string }> = async (
  app,
  { db, boss, adminToken },
) => {
  app.addHook('preValidation', rejectNulCharacters)
  await app.register(adminApiKeysRoutes, { db, adminToken })
  await app.register(
    async (v1) => {
      v1.addHook('onRequest', apiKeyAuth(db))
      await v1.register(collectionsRoutes, { db, boss })
      await v1.register(itemsRoutes, { db, boss })
      await v1.register(localesRoutes, { db })
    },
    { prefix: '/api/v1' },
  )
}
