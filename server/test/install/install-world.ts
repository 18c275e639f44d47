import { createHmac } from 'node:crypto'
import net from 'node:net'
import { createSimulator, type Simulator } from '@bindery/sim/create-simulator'
import { DEMO, seedDemo } from '@bindery/sim/demo-seed'
import type { SimulatorOptionsInput } from '@bindery/sim/sim-options'
import { afterAll } from 'vitest'
import { Browser } from '../../src/sandbox/browser'
import { createTestContext, type TestContext } from '../helpers/test-context'

export const CLIENT_ID = 'test-client'
export const CLIENT_SECRET = 'test-client-secret'
export const PANEL_ORIGIN = 'http://localhost:1337'

export type InstallWorld = {
  ctx: TestContext
  sim: Simulator
  publicUrl: string
  /** Runs the OAuth install as a browser would, following every redirect by hand. */
  install: (path?: string) => Promise<BrowserResult>
}
export type BrowserResult = { status: number; body: string; url: string; hops: string[] }

/**
 * A simulator with the demo workspace, and Bindery listening on a real port with PUBLIC_URL set to
 * it, so the simulator reaches our callback (through the browser) and our webhook URL over HTTP.
 */
export async function startInstallWorld(
  sim: SimulatorOptionsInput = {},
  env: Record<string, string> = {},
): Promise<InstallWorld> {
  const port = await freePort()
  const publicUrl = `http://127.0.0.1:${port}`
  const simulator = await createSimulator({
    port: 0,
    rateLimit: 'off',
    webhookRetryIntervalMs: 50,
    ...sim,
    app: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${publicUrl}/oauth/callback`] },
  })
  seedDemo(simulator)
  afterAll(() => simulator.close())
  const ctx = await createTestContext({
    PUBLIC_URL: publicUrl,
    WEBFLOW_API_URL: simulator.url,
    WEBFLOW_AUTH_URL: simulator.url,
    WEBFLOW_CLIENT_ID: CLIENT_ID,
    WEBFLOW_CLIENT_SECRET: CLIENT_SECRET,
    EXTENSION_ORIGINS: PANEL_ORIGIN,
    ...env,
  })
  await ctx.app.listen({ port, host: '127.0.0.1' })
  return {
    ctx,
    sim: simulator,
    publicUrl,
    install: (path = '/oauth/install') => browse(`${publicUrl}${path}`),
  }
}

/** GET `url` and follow redirects manually (like a browser, with a fresh cookie jar). */
export function browse(url: string): Promise<BrowserResult> {
  return new Browser().browse(url)
}

/** Webflow's signature: hex HMAC-SHA256 of `${timestamp}:${body}`. */
export function sign(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}:${body}`).digest('hex')
}

export function signedHeaders(body: string, o: { secret?: string; timestamp?: number } = {}) {
  const timestamp = String(o.timestamp ?? Date.now())
  return {
    'content-type': 'application/json',
    'x-webflow-timestamp': timestamp,
    'x-webflow-signature': sign(o.secret ?? CLIENT_SECRET, timestamp, body),
  }
}

/** A collection_item_changed delivery for the demo site, as Webflow would send it. */
export function itemEvent(over: Record<string, unknown> = {}, triggerType = 'collection_item_changed') {
  return JSON.stringify({
    triggerType,
    payload: {
      id: '6650a1b2c3d4e5f601234500',
      workspaceId: DEMO.workspaceId,
      siteId: DEMO.siteId,
      collectionId: DEMO.postsCollectionId,
      cmsLocaleId: DEMO.cmsLocaleId,
      lastPublished: null,
      lastUpdated: '2026-01-02T03:04:05.678Z',
      createdOn: '2026-01-01T00:00:00.000Z',
      isArchived: false,
      isDraft: true,
      fieldData: { name: 'Hello', slug: 'hello' },
      ...over,
    },
  })
}

export { DEMO }

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}
