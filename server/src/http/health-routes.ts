import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Boss } from '../context/boss'
import { probeBossSchema } from '../db/boss-jobs'
import { type Db, ping } from '../db/pool'

type Check = 'up' | 'down'
const TIMEOUT_MS = 2_000

/** `/healthz`: the process is up. `/readyz`: Postgres and pg-boss answer; 503 names what is down. */
export const healthRoutes: FastifyPluginAsyncZod<{ db: Db; boss: Boss }> = async (app, { db, boss }) => {
  app.get('/healthz', async () => ({ status: 'ok' }))
  app.get('/readyz', async (_req, reply) => {
    const [postgres, jobs] = await Promise.all([
      probe(() => ping(db)),
      probe(() => probeBossSchema(boss.getDb())),
    ])
    const ready = postgres === 'up' && jobs === 'up'
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'unavailable', checks: { postgres, jobs } })
  })
}

async function probe(fn: () => Promise<unknown>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS)
  })
  try {
    await Promise.race([fn(), timeout])
    return 'up'
  } catch {
    return 'down'
  } finally {
    clearTimeout(timer)
  }
}
