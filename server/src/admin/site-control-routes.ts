import { SiteControlResult } from '@bindery/shared/api/admin-reliability'
import { SiteParams } from '@bindery/shared/api/site'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Boss } from '../context/boss'
import type { Db } from '../db/pool'
import { setSitePaused } from '../reliability/set-site-paused'

/**
 * The kill switch of one site: `POST …/pause` and `POST …/resume`. Registered under
 * `/admin/api/sites/:siteId` (admin scope) and `/api/sites/:siteId` (designer scope: a session of
 * that site), like the link routes.
 */
export const siteControlRoutes: FastifyPluginAsyncZod<{ db: Db; boss: Boss }> = async (app, { db, boss }) => {
  for (const action of ['pause', 'resume'] as const) {
    app.post(
      `/${action}`,
      { schema: { params: SiteParams, response: { 200: SiteControlResult } } },
      async (req) =>
        setSitePaused(
          db,
          boss,
          req.params.siteId,
          action === 'pause',
          req.session ? { by: 'designer', userId: req.session.userId } : { by: 'admin' },
        ),
    )
  }
}
