import {
  SiteManager,
  SiteManagerList,
  SiteManagerParams,
  SiteManagerRequest,
} from '@bindery/shared/api/admin-installations'
import { SiteParams } from '@bindery/shared/api/site'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { appendAudit } from '../db/audit-log'
import type { Db } from '../db/pool'
import {
  addSiteManager,
  listSiteManagers,
  type SiteManager as Row,
  removeSiteManager,
} from '../db/site-managers'
import { getSite } from '../db/sites'
import { notFound } from '../vocabulary/app-error'

const toJson = (m: Row) => ({
  userId: m.userId,
  email: m.email,
  addedBy: m.addedBy,
  createdAt: m.createdAt.toISOString(),
})

/**
 * `/admin/api/sites/:siteId/managers`: who may manage the site's API keys from the panel, besides
 * the installing user. Takes effect at the user's next session (sessions carry their role).
 */
export const siteManagerRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/managers',
    { schema: { params: SiteParams, response: { 200: SiteManagerList } } },
    async (req) => ({
      managers: (await listSiteManagers(db, req.params.siteId)).map(toJson),
    }),
  )

  app.put(
    '/managers/:userId',
    { schema: { params: SiteManagerParams, body: SiteManagerRequest, response: { 200: SiteManager } } },
    async (req) => {
      const { siteId, userId } = req.params
      if (!(await getSite(db, siteId))) throw notFound('site')
      const manager = await addSiteManager(db, {
        siteId,
        userId,
        email: req.body.email ?? null,
        addedBy: 'admin',
      })
      await audit(db, 'site_manager.added', siteId, userId)
      return toJson(manager)
    },
  )

  app.delete('/managers/:userId', { schema: { params: SiteManagerParams } }, async (req, reply) => {
    const { siteId, userId } = req.params
    if (!(await removeSiteManager(db, siteId, userId))) throw notFound('site manager')
    await audit(db, 'site_manager.removed', siteId, userId)
    return reply.code(204).send()
  })
}

const audit = (db: Db, action: string, siteId: string, userId: string) =>
  appendAudit(db, [{ direction: 'admin', action, siteId, subjectType: 'site_manager', subjectId: userId }])
