import { createSimulator, type Simulator } from '@bindery/sim/create-simulator'
import { DEMO, seedDemo } from '@bindery/sim/demo-seed'
import { onTestFinished } from 'vitest'
import { ADMIN_TOKEN, type BinderyProcess, freePort, startBinderyProcess } from '../helpers/bindery-process'
import type { TestDatabase } from '../helpers/test-database'
import { browse, CLIENT_ID, CLIENT_SECRET } from '../install/install-world'

export { DEMO }

// biome-ignore lint/suspicious/noExplicitAny: each route answers its own JSON
type Json = any

export type ScaleWorld = {
  sim: Simulator
  web: BinderyProcess
  workers: BinderyProcess[]
  /** JSON over HTTP to the web process (admin token unless given); throws on a non-2xx answer. */
  call: (method: string, url: string, body?: unknown, token?: string) => Promise<Json>
  /** The content API of the demo site, with a key of its own. */
  content: (method: string, url: string, body?: unknown) => Promise<Json>
  /** A hub collection of the demo site holding `count` published items `${prefix}-0`… */
  hubCollection: (slug: string, count: number) => Promise<string>
}

/**
 * A self-hosted deployment in miniature: one `ROLE=web` process behind the public URL and
 * `workers` `ROLE=worker` processes, all on one Postgres, the simulator as Webflow over HTTP
 * (rate limit off; a second create of one item shows as a second Webflow item, `slug-2`),
 * installed on the demo site. Called inside a test, on a database the file made (`createTestDatabase`
 * in its describe block): the processes and the simulator stop when the test finishes.
 */
export async function startScaleWorld(database: TestDatabase, workers = 2): Promise<ScaleWorld> {
  const port = await freePort()
  const publicUrl = `http://127.0.0.1:${port}`
  const sim = await createSimulator({
    port: 0,
    rateLimit: 'off',
    itemCaps: false,
    webhookRetryIntervalMs: 1_000,
    duplicateSlug: 'suffix',
    app: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${publicUrl}/oauth/callback`] },
  })
  seedDemo(sim)
  const procs: BinderyProcess[] = []
  onTestFinished(async () => {
    for (const p of procs) {
      p.child.kill('SIGCONT')
      p.child.kill('SIGTERM')
    }
    await Promise.all(procs.map((p) => p.exited))
    await sim.close()
  })
  const opts = { databaseUrl: database.url, publicUrl, simUrl: sim.url }
  // The web process first: it migrates, and the workers start on the migrated database.
  const web = await startBinderyProcess({ role: 'web', port, ...opts })
  procs.push(web)
  const started = await Promise.all(
    Array.from({ length: workers }, async () => {
      const worker = await startBinderyProcess({ role: 'worker', ...opts })
      procs.push(worker)
      return worker
    }),
  )
  const installed = await browse(`${publicUrl}/oauth/install`)
  if (installed.status !== 200) throw new Error(`install failed: ${installed.body}`)

  const call: ScaleWorld['call'] = async (method, url, body, token = ADMIN_TOKEN) => {
    const res = await fetch(`${publicUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    const json = res.status === 204 ? null : await res.json()
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`)
    return json
  }
  const { key } = await call('POST', `/admin/api/sites/${DEMO.siteId}/api-keys`, { name: 'scale' })
  const content: ScaleWorld['content'] = (method, url, body) => call(method, `/api/v1${url}`, body, key)
  const hubCollection = async (slug: string, count: number) => {
    const fields = [{ slug: 'summary', name: 'Summary', type: 'text' }]
    const c = await content('POST', '/collections', { slug, name: slug, singularName: slug, fields })
    for (let i = 0; i < count; i += 1_000) {
      const items = Array.from({ length: Math.min(1_000, count - i) }, (_, k) => ({
        slug: `${slug}-${i + k}`,
        name: `Item ${slug} ${i + k}`,
        status: 'published',
        fields: { summary: `Summary ${i + k}` },
      }))
      await content('POST', `/collections/${c.id}/items/bulk`, { items })
    }
    return c.id as string
  }
  return { sim, web, workers: started, call, content, hubCollection }
}

/** `bindery_items_pushed_total` or `…_pulled_total`, as one process's `/metrics` reports it. */
export async function itemsCounted(proc: BinderyProcess, metric: 'pushed' | 'pulled'): Promise<number> {
  const res = await fetch(`${proc.url}/metrics`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    signal: AbortSignal.timeout(5_000),
  })
  const line = (await res.text()).split('\n').find((l) => l.startsWith(`bindery_items_${metric}_total `))
  return Number(line?.split(' ')[1] ?? 0)
}

/** The slugs of a Webflow collection's items, read from the simulator's state. */
export function webflowSlugs(sim: Simulator, collectionId: string): string[] {
  const c = sim.store.collections.get(collectionId)
  if (!c) throw new Error(`no Webflow collection ${collectionId}`)
  return [...c.items.values()].map((i) => String([...i.variants.values()][0]!.staged.fieldData.slug))
}
