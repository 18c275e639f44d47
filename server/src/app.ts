import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Logger } from 'pino'
import type { Config } from './config'
import { openApi } from './content/openapi'
import type { Db } from './db/pool'
import { adminScope } from './http/admin-scope'
import { audienceTracker } from './http/audience'
import { contentScope } from './http/content-scope'
import { designerScope } from './http/designer-scope'
import { errorEnvelope } from './http/error-handler'
import { metricsScope } from './http/metrics-scope'
import { publicScope } from './http/public-scope'
import { rateLimits } from './http/rate-limits'
import type { Boss } from './jobs/boss'
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
  await app.register(errorEnvelope)
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id)
  })

  // Before any route: every route must land in one of the four audience scopes below.
  await app.register(audienceTracker)
  await app.register(rateLimits)
  // Swagger collects routes as they are added: it goes before the content API it documents.
  await app.register(openApi)
  const jobs = { db: deps.db, boss: deps.boss, log: deps.log, config: deps.config, gate: deps.gate, breaker }
  // One scope per audience, each with its authentication registered once, on the scope.
  await app.register(publicScope, { deps, breaker })
  await app.register(contentScope, { prefix: '/api/v1', db: deps.db, boss: deps.boss })
  await app.register(designerScope, {
    prefix: '/api/sites/:siteId',
    jobs,
    origins: deps.config.extensionOrigins,
  })
  await app.register(adminScope, { prefix: '/admin/api', deps, jobs })
  await app.register(metricsScope, { config: deps.config, db: deps.db })
  return app
}
