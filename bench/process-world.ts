import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { LinkSummary } from '@bindery/shared/api/links'
import { createSimulator, type Simulator } from '@bindery/sim/create-simulator'
import { DEMO, seedDemo } from '@bindery/sim/demo-seed'
import type { SimulatorOptionsInput } from '@bindery/sim/sim-options'
import { loadConfig } from '../server/src/config'
import { createLogger } from '../server/src/logger'
import { type Runtime, startRuntime } from '../server/src/runtime'
import { createBenchDatabase, freePort, startWorker, stopWorker } from './processes'
import { itemBatches } from './seed-items'
import { installThroughRedirects, until } from './sync-world'

export { DEMO }

export type ProcessWorld = {
  sim: Simulator
  /** This process: HTTP only (`ROLE=web`: install, admin and content API, webhooks). */
  web: Runtime
  /** JSON over HTTP to the web process, admin token unless given; throws on a non-2xx answer. */
  call: <T>(method: string, url: string, body?: unknown, token?: string) => Promise<T>
  /** Hub collections `${prefix}-0`… of `perLink` published items each; their ids. */
  hubCollections: (prefix: string, count: number, perLink: number) => Promise<string[]>
  /** Starts `n` `ROLE=worker` processes and waits until each says it is ready. */
  startWorkers: (n: number) => Promise<ChildProcess[]>
  /**
   * Connects each hub collection (publish mode) and waits until every link is live with `perLink`
   * items done; the seconds from the first connect until then, and the link ids.
   */
  publishAll: (
    collections: string[],
    perLink: number,
    o?: { publishSite?: boolean },
  ) => Promise<{ seconds: number; links: string[] }>
  /** Stops the workers and the web process, and drops the database. */
  close: () => Promise<void>
}

/**
 * A deployment as a self-hoster splits it: a web process (this one) and worker processes of the
 * real runtime, on a fresh database of the bench's Postgres, the simulator as Webflow, installed on
 * the demo site through OAuth redirects.
 */
export async function startProcessWorld(
  label: string,
  simOptions: SimulatorOptionsInput,
): Promise<ProcessWorld> {
  const database = await createBenchDatabase(`${label}_${process.pid}`)
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const sim = await createSimulator({
    port: 0,
    itemCaps: false,
    webhookRetryIntervalMs: 1_000,
    ...simOptions,
    app: {
      clientId: 'bench-client',
      clientSecret: 'bench-secret',
      redirectUris: [`${baseUrl}/oauth/callback`],
    },
  })
  seedDemo(sim)
  const dir = mkdtempSync(path.join(tmpdir(), `bindery-bench-${label}-`))
  const env = {
    DATABASE_URL: database.url,
    PUBLIC_URL: baseUrl,
    WEBFLOW_CLIENT_ID: 'bench-client',
    WEBFLOW_CLIENT_SECRET: 'bench-secret',
    WEBFLOW_API_URL: sim.url,
    WEBFLOW_AUTH_URL: sim.url,
    ENCRYPTION_KEY: 'b'.repeat(64),
    SESSION_SECRET: 's'.repeat(40),
    ADMIN_TOKEN: 'a'.repeat(32),
    LOG_LEVEL: 'silent',
    DATA_DIR: dir,
  }
  const web = await startRuntime(
    loadConfig({ ...env, PORT: String(port), ROLE: 'web' }),
    createLogger('silent'),
  )
  const workers: ChildProcess[] = []
  const close = async () => {
    await Promise.all(workers.map(stopWorker))
    await web.close()
    await sim.close()
    await database.drop()
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await web.app.listen({ port, host: '127.0.0.1' })
    await installThroughRedirects(`${baseUrl}/oauth/install`)
  } catch (err) {
    await close()
    throw err
  }
  const call: ProcessWorld['call'] = async (method, url, body, token = env.ADMIN_TOKEN) => {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const json = res.status === 204 ? null : await res.json()
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`)
    return json as never
  }
  const { key } = await call<{ key: string }>('POST', `/admin/api/sites/${DEMO.siteId}/api-keys`, {
    name: 'bench',
  })
  const hubCollections: ProcessWorld['hubCollections'] = async (prefix, count, perLink) => {
    const ids: string[] = []
    for (let l = 0; l < count; l++) {
      const slug = `${prefix}-${l}`
      const fields = [{ slug: 'summary', name: 'Summary', type: 'text' }]
      const c = await call<{ id: string }>(
        'POST',
        '/api/v1/collections',
        { slug, name: slug, singularName: slug, fields },
        key,
      )
      for (const items of itemBatches(perLink))
        await call('POST', `/api/v1/collections/${c.id}/items/bulk`, { items }, key)
      ids.push(c.id)
    }
    return ids
  }
  const startWorkers = async (n: number) => {
    const ready = Array.from({ length: n }, () => startWorker({ ...env, PORT: '0', ROLE: 'worker' }))
    workers.push(...ready.map((w) => w.child))
    await Promise.all(ready.map((w) => w.ready))
    return ready.map((w) => w.child)
  }
  const publishAll: ProcessWorld['publishAll'] = async (collections, perLink, o = {}) => {
    const started = performance.now()
    const links: string[] = []
    for (const hubCollectionId of collections) {
      const link = await call<{ id: string }>('POST', `/admin/api/sites/${DEMO.siteId}/links`, {
        mode: 'publish',
        hubCollectionId,
        publishSite: o.publishSite === true,
        fields: ['summary'],
      })
      links.push(link.id)
      // Each link's push goes to an idle worker: the processes work at the same time.
      await new Promise((r) => setTimeout(r, 200))
    }
    // One link at a time, so the polling itself (a summary counts the link's items) stays light.
    for (const id of links) {
      await until(
        async () => {
          const s = await call<LinkSummary>('GET', `/admin/api/sites/${DEMO.siteId}/links/${id}`)
          return s.state === 'live' && s.progress.done === perLink
        },
        600_000,
        100,
      )
    }
    return { seconds: (performance.now() - started) / 1000, links }
  }
  return { sim, web, call, hubCollections, startWorkers, publishAll, close }
}
