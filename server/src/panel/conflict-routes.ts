import { ConflictList, ConflictListQuery, ResolveConflictRequest } from '@bindery/shared/api/conflicts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppContext } from '../context/app-context'
import { listOpenConflicts } from '../db/conflicts'
import { actorOf } from '../plugins/actor'
import { resolveConflict } from '../sync/resolve-conflict'

const SiteParams = z.object({ siteId: z.string().min(1).max(64) })

/** Conflicts held for review on a site, and their resolution by choosing a side. */
export const conflictRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/conflicts',
    { schema: { params: SiteParams, querystring: ConflictListQuery, response: { 200: ConflictList } } },
    async (req) => ({
      conflicts: (await listOpenConflicts(ctx.db, req.params.siteId, req.query.linkId)).map((c) => ({
        id: c.id,
        linkId: c.linkId,
        hubItemId: c.hubItemId,
        webflowItemId: c.webflowItemId,
        slug: c.slug,
        name: c.name,
        fields: c.fields,
        createdAt: c.createdAt.toISOString(),
      })),
    }),
  )

  app.post(
    '/conflicts/:conflictId/resolve',
    { schema: { params: SiteParams.extend({ conflictId: z.uuid() }), body: ResolveConflictRequest } },
    async (req, reply) => {
      await resolveConflict(ctx, req.params.siteId, req.params.conflictId, req.body, actorOf(req))
      return reply.code(204).send()
    },
  )
}
