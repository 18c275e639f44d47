import Fastify, { type FastifyInstance } from 'fastify'
import { installApiHooks } from './api-hooks.ts'
import type { SimContext } from './context.ts'
import { Control } from './control/control.ts'
import { controlRoutes } from './control/control-routes.ts'
import { Counters } from './counters.ts'
import { installErrorHandler } from './error-handler.ts'
import { Faults } from './faults.ts'
import { createPrng } from './prng.ts'
import { RateLimiter } from './rate-limit.ts'
import { collectionRoutes } from './routes/collections.ts'
import { fieldRoutes } from './routes/fields.ts'
import { itemRoutes } from './routes/items.ts'
import { liveItemRoutes } from './routes/items-live.ts'
import { authorizeRoutes } from './routes/oauth-authorize.ts'
import { oauthTokenRoutes } from './routes/oauth-token.ts'
import { siteRoutes } from './routes/sites.ts'
import { tokenRoutes } from './routes/token.ts'
import { webhookRoutes } from './routes/webhooks.ts'
import { RuntimeConfig, SimulatorOptions, type SimulatorOptionsInput } from './sim-options.ts'
import { Store } from './store.ts'
import { Timers } from './timers.ts'
import { WebhookDispatcher } from './webhook-dispatcher.ts'

export interface Simulator {
  /** Base URL, e.g. http://127.0.0.1:4010 (the SDK's baseUrl is `${url}/v2`). */
  url: string
  port: number
  app: FastifyInstance
  store: Store
  /** Simulator time in ms (options.clock plus control-API clock advances). */
  clock: () => number
  config: RuntimeConfig
  control: Control
  close: () => Promise<void>
}

/** Builds and starts a simulator. Nothing is seeded: call seedDemo() or control.seed(). */
export async function createSimulator(input: SimulatorOptionsInput = {}): Promise<Simulator> {
  const { clock: baseClock = Date.now, ...rest } = input
  const options = SimulatorOptions.parse(rest)
  const config = RuntimeConfig.parse(options)
  const offset = { ms: 0 }
  const store = new Store()
  const counters = new Counters(options.requestLogSize)
  const random = createPrng(options.seed)
  const faults = new Faults(random)
  const timers = new Timers()
  let dispatcher: WebhookDispatcher | null = null
  const ctx: SimContext = {
    store,
    config,
    app: options.app,
    now: () => baseClock() + offset.ms,
    random,
    faults,
    emit: (event) => dispatcher?.dispatch(event),
    assetEvent: (event) => counters.assets[event]++,
  }
  dispatcher = new WebhookDispatcher(ctx, counters, faults)
  const limiter = new RateLimiter(store, config)
  const control = new Control(ctx, counters, faults, limiter, dispatcher, offset)

  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 10 * 1024 * 1024 })
  app.decorateRequest('token', null)
  app.decorateRequest('hangAfterMs', null)
  // An empty JSON body (a DELETE or publish POST sent with the JSON content type) is no body, as
  // in other HTTP APIs (docs/webflow.md, Requests).
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = (body as string).trim()
    if (text === '') return done(null, undefined)
    try {
      done(null, JSON.parse(text))
    } catch {
      const err = new Error('Body is not valid JSON') as Error & { statusCode: number }
      err.statusCode = 400
      done(err, undefined)
    }
  })
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)))
  })
  installErrorHandler(app)
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched'
    if (route.startsWith('/_sim')) return done()
    counters.request({
      at: ctx.now(),
      method: req.method,
      route,
      url: req.url,
      status: reply.statusCode,
      tokenId: req.token?.id ?? null,
      ms: Math.round(reply.elapsedTime * 100) / 100,
    })
    done()
  })

  await app.register(async (api) => {
    installApiHooks(api, ctx, limiter, faults, timers)
    siteRoutes(api, ctx)
    collectionRoutes(api, ctx)
    fieldRoutes(api, ctx)
    itemRoutes(api, ctx)
    liveItemRoutes(api, ctx)
    webhookRoutes(api, ctx)
    tokenRoutes(api, ctx, limiter)
  })
  authorizeRoutes(app, ctx)
  oauthTokenRoutes(app, ctx)
  controlRoutes(app, control)

  await app.listen({ port: options.port, host: options.host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const url = `http://${options.host}:${port}`

  return {
    url,
    port,
    app,
    store,
    clock: ctx.now,
    config,
    control,
    close: async () => {
      dispatcher?.close()
      timers.clear()
      await app.close()
    },
  }
}
