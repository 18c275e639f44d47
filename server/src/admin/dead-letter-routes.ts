import {
  DeadLetterList,
  DeadLetterQuery,
  ReliabilityStatus,
  ReplayResult,
  StatusQuery,
} from '@bindery/shared/api/admin-reliability'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Boss } from '../context/boss'
import { deadLetterExists, listDeadLetters } from '../db/boss-jobs'
import type { Db } from '../db/pool'
import { replayDeadLetters } from '../reliability/dead-letters'
import { reliabilityStatus } from '../reliability/reliability-status'
import { notFound } from '../vocabulary/app-error'

/**
 * Support's view of failed work in the admin scope (`/admin/api`): the dead letters (jobs that used up their
 * retries) and their replay, and the status overview the CLI's `status` prints.
 */
export const deadLetterRoutes: FastifyPluginAsyncZod<{ db: Db; boss: Boss }> = async (app, { db, boss }) => {
  app.get(
    '/dead-letters',
    { schema: { querystring: DeadLetterQuery, response: { 200: DeadLetterList } } },
    async (req) => listDeadLetters(db, req.query.limit),
  )

  app.post('/dead-letters/replay', { schema: { response: { 200: ReplayResult } } }, async () =>
    replayDeadLetters(boss, db),
  )

  app.post(
    '/dead-letters/:id/replay',
    { schema: { params: z.object({ id: z.uuid() }), response: { 200: ReplayResult } } },
    async (req) => {
      if (!(await deadLetterExists(db, req.params.id))) throw notFound('dead letter')
      return replayDeadLetters(boss, db, [req.params.id])
    },
  )

  app.get(
    '/status',
    { schema: { querystring: StatusQuery, response: { 200: ReliabilityStatus } } },
    async (req) => reliabilityStatus(db, req.query.siteId),
  )
}
