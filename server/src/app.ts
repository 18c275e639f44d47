import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Logger } from 'pino'
import { adminAuth } from './admin/admin-auth'
import { deadLetterRoutes } from './admin/dead-letter-routes'
import { holdRoutes } from './admin/hold-routes'
import { siteControlRoutes } from './admin/site-control-routes'
import type { Config } from './config'
import { contentApi } from './content/content-api'
import { registerOpenApi } from './content/openapi'
import type { Db } from './db/pool'
import { installErrorHandler } from './http/error-handler'
import { registerFrontDoors } from './install/front-doors'
import type { Boss } from './jobs/boss'
import { panelApiKeyRoutes } from './panel/api-key-routes'
import { conflictRoutes } from './panel/conflict-routes'
import { linkRoutes } from './panel/link-routes'
import { playgroundRoutes } from './playground/playground-routes'
import { healthRoutes } from './routes/health'
import type { CircuitBreaker } from './webflow/circuit-breaker'
import { PgCircuitBreaker } from './webflow/pg-circuit-breaker'
import type { RateGate } from './webflow/rate-gate'

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>
/**
 * `gate` and `breaker`: the process's rate gate and circuit breaker, shared by every Webflow client
 * of the app and the workers (the breaker defaults to the Postgres one on `db`).
 */
export type AppDeps = {
  config: Config
  db: Db
  boss: Boss
  log: Logger
  gate: RateGate
  breaker?: CircuitBreaker
}

/** The whole HTTP app as a factory: production (`server.ts`) and tests build the same thing. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const breaker = deps.breaker ?? new PgCircuitBreaker(deps.db)
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
    keepAliveTimeout: 10_000,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  installErrorHandler(app)
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id)
  })

  // First: it adds the root session guard every later `/api` route must inherit.
  await registerFrontDoors(app, { ...deps, breaker })
  await app.register(healthRoutes, { db: deps.db, boss: deps.boss })
  // Swagger collects routes as they are added: it goes before the content API it documents.
  await registerOpenApi(app)
  await app.register(contentApi, { db: deps.db, boss: deps.boss, adminToken: deps.config.adminToken })
  const jobs = { db: deps.db, boss: deps.boss, log: deps.log, config: deps.config, gate: deps.gate, breaker }
  await app.register(linkRoutes, { prefix: '/api/sites/:siteId', jobs })
  await app.register(panelApiKeyRoutes, { prefix: '/api/sites/:siteId', db: deps.db })
  await app.register(conflictRoutes, { prefix: '/api/sites/:siteId', jobs })
  await app.register(siteControlRoutes, { prefix: '/api/sites/:siteId', db: deps.db, boss: deps.boss })
  await app.register(
    async (admin) => {
      await admin.register(adminAuth, { token: deps.config.adminToken })
      await admin.register(linkRoutes, { jobs })
      await admin.register(conflictRoutes, { jobs })
      await admin.register(siteControlRoutes, { db: deps.db, boss: deps.boss })
      await admin.register(holdRoutes, { jobs })
    },
    { prefix: '/admin/api/sites/:siteId' },
  )
  await app.register(deadLetterRoutes, { db: deps.db, boss: deps.boss, adminToken: deps.config.adminToken })
  // The Designer stand-in around the real extension build: only with the simulator.
  if (deps.config.sandbox) await app.register(playgroundRoutes, { config: deps.config, db: deps.db })
  return app
}
