import { createSimulator } from './create-simulator.ts'
import { DEMO, seedDemo } from './demo-seed.ts'

// `npm run sim`: the only place in sim/ that reads process.env.
const env = process.env
const rateLimit = env.SIM_RATE_LIMIT
const sim = await createSimulator({
  port: Number(env.SIM_PORT ?? 4010),
  host: env.SIM_HOST ?? '127.0.0.1',
  app: {
    clientId: env.SIM_CLIENT_ID ?? 'bindery-dev',
    clientSecret: env.SIM_CLIENT_SECRET ?? 'bindery-dev-secret',
    redirectUris: env.SIM_REDIRECT_URIS ? env.SIM_REDIRECT_URIS.split(',') : [],
  },
  consent: env.SIM_CONSENT === '1',
  rateLimit:
    rateLimit === undefined || rateLimit === 'plan'
      ? 'plan'
      : rateLimit === 'off'
        ? 'off'
        : Number(rateLimit),
  duplicateSlug: env.SIM_DUPLICATE_SLUG === 'suffix' ? 'suffix' : 'error',
  echoApiWrites: env.SIM_ECHO_API_WRITES !== '0',
  webhookRetryIntervalMs: env.SIM_WEBHOOK_RETRY_MS ? Number(env.SIM_WEBHOOK_RETRY_MS) : undefined,
  seed: env.SIM_SEED ? Number(env.SIM_SEED) : undefined,
})
seedDemo(sim)
console.log(`Webflow simulator listening on ${sim.url}`)
console.log(`  Data API base URL: ${sim.url}/v2   OAuth: ${sim.url}/oauth/authorize`)
console.log(`  Demo site: "${DEMO.siteName}" id ${DEMO.siteId}`)
console.log(`  Control API: ${sim.url}/_sim/state`)

const stop = async () => {
  await sim.close()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
