import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { openApi } from './content/openapi'
import type { AppContext } from './context/app-context'
import { adminScope } from './http/admin-scope'
import { audienceTracker } from './http/audience'
import { contentScope } from './http/content-scope'
import { designerScope } from './http/designer-scope'
import { errorEnvelope } from './http/error-handler'
import { metricsScope } from './http/metrics-scope'
import { publicScope } from './http/public-scope'
import { rateLimits } from './plugins/rate-limits'

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>

/** The whole HTTP app as a factory: production (`server.ts`) and tests build the same thing. */
export async function buildApp(ctx: AppContext): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
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
  // One scope per audience, each with its authentication registered once, on the scope.
  await app.register(publicScope, { ctx })
  await app.register(contentScope, { prefix: '/api/v1', db: ctx.db, boss: ctx.boss })
  await app.register(designerScope, { prefix: '/api/sites/:siteId', ctx })
  await app.register(adminScope, { prefix: '/admin/api', ctx })
  await app.register(metricsScope, { config: ctx.config, db: ctx.db })
  return app
}
