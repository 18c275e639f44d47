import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { apiKeyAuth } from '../content/api-key-auth'
import { collectionsRoutes } from '../content/collections-routes'
import { itemsRoutes } from '../content/items-routes'
import { localesRoutes } from '../content/locales-routes'
import { rejectNulCharacters } from '../content/reject-nul'
import type { Boss } from '../context/boss'
import type { Db } from '../db/pool'
import { LIMITS, limitBy } from '../plugins/rate-limits'
import { markAudience } from './audience'

/** The content audience, mounted at `/api/v1`: a site's API key (`Bearer bdy_…`) on every route. */
export const contentScope: FastifyPluginAsyncZod<{ db: Db; boss: Boss }> = async (scope, { db, boss }) => {
  markAudience(scope, 'content')
  scope.addHook('onRequest', apiKeyAuth(db))
  const perKey = limitBy(scope, LIMITS.contentPerKey, (req) => `key:${req.contentKeyId}`)
  scope.addHook('onRequest', (req, reply) => perKey(req, reply))
  scope.addHook('preValidation', rejectNulCharacters)
  await scope.register(collectionsRoutes, { db, boss })
  await scope.register(itemsRoutes, { db, boss })
  await scope.register(localesRoutes, { db })
}
