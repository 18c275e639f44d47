import { createSimulator, type Simulator } from '@bindery/sim/create-simulator'
import { DEMO, seedDemo } from '@bindery/sim/demo-seed'
import type { Logger } from 'pino'
import type { Config } from '../config'
import type { AppContext } from '../context/app-context'
import { cipherFor } from '../crypto/cipher-for'
import { hmacBase64url } from '../crypto/hmac'
import { cipherContext } from '../crypto/token-cipher'
import { installationForSite } from '../db/installations'
import { ensureSiteWebhooks } from '../install/register-webhooks'
import { Browser } from './browser'

// The playground's routes, for the public scope in sandbox mode (http/public-scope.ts).
export { playgroundRoutes } from './playground/playground-routes'

export type Sandbox = {
  sim: Simulator
  /** The configuration with Webflow's URLs and app credentials pointing at the simulator. */
  config: Config
  demo: { siteId: string; siteName: string; workspaceId: string }
  close: () => Promise<void>
}

export type SandboxInstall = { installed: 'now' | 'already'; sites: string[]; webhooksOk: boolean }

/**
 * Sandbox mode: the Webflow simulator in-process with the demo workspace. Only the base URLs and
 * the app credentials differ from production; everything else takes the production path.
 */
export async function startSandbox(config: Config, log: Logger): Promise<Sandbox> {
  const clientId = 'bindery-sandbox'
  // Derived from the persisted session secret: stable across restarts, never a public constant.
  const clientSecret = hmacBase64url(config.sessionSecret, 'sandbox-client-secret')
  const sim = await createSimulator({
    port: config.simPort,
    host: '127.0.0.1',
    app: {
      clientId,
      clientSecret,
      displayName: 'Bindery (sandbox)',
      redirectUris: [`${config.publicUrl}/oauth/callback`],
    },
    rateLimit: 'plan',
    webhookRetryIntervalMs: 5_000,
  })
  seedDemo(sim)
  log.info({ url: sim.url }, 'Webflow simulator started')
  return {
    sim,
    config: { ...config, webflow: { clientId, clientSecret, apiUrl: sim.url, authUrl: sim.url } },
    demo: { siteId: DEMO.siteId, siteName: DEMO.siteName, workspaceId: DEMO.workspaceId },
    close: () => sim.close(),
  }
}

/**
 * Installs Bindery into the demo workspace through the real OAuth flow, as a browser would: our
 * /oauth/install, the simulator's authorize, our callback, following each redirect by hand. After a
 * restart the database already has the install but the in-memory simulator has forgotten it: its
 * token is handed back to the simulator and the webhooks repaired.
 */
export async function installSandbox(sandbox: Sandbox, ctx: AppContext): Promise<SandboxInstall> {
  const { db } = ctx
  const { config, sim, demo } = sandbox
  const existing = await installationForSite(db, demo.siteId)
  if (existing?.tokenCiphertext) {
    const token = cipherFor(config).decrypt(
      existing.tokenCiphertext,
      cipherContext.installationToken(existing.id),
    )
    sim.control.seed({ tokens: [{ kind: 'oauth', workspaceId: demo.workspaceId, token }] })
    const api = await ctx.webflow.forInstallation(existing)
    const health = await ensureSiteWebhooks(db, config, api, demo.siteId)
    return { installed: 'already', sites: [demo.siteName], webhooksOk: health.ok }
  }
  const page = await new Browser().browse(`${config.publicUrl}/oauth/install`, {
    maxHops: 5,
    timeoutMs: 30_000,
  })
  if (page.status !== 200 || !page.body.includes('data-bindery-installed')) {
    throw new Error(`sandbox install failed at ${new URL(page.url).pathname}: HTTP ${page.status}`)
  }
  return { installed: 'now', sites: [demo.siteName], webhooksOk: !page.body.includes('class="warn"') }
}
