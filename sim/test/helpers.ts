import { createHmac } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebflowClient } from 'webflow-api'
import { createSimulator, type Simulator } from '../src/create-simulator.ts'
import { DEMO, seedDemo } from '../src/demo-seed.ts'
import type { SimulatorOptionsInput } from '../src/sim-options.ts'

export { DEMO }

/** Polls until fn returns a truthy value (no fixed sleeps in tests). */
type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>

export async function waitFor<T>(fn: () => T | Promise<T>, timeoutMs = 5000): Promise<Truthy<T>> {
  const start = Date.now()
  for (;;) {
    const value = await fn()
    if (value) return value as Truthy<T>
    if (Date.now() - start > timeoutMs) throw new Error('waitFor: condition not met in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}

export function client(sim: Simulator, accessToken: string): WebflowClient {
  return new WebflowClient({ accessToken, baseUrl: `${sim.url}/v2`, maxRetries: 0 })
}

export interface DemoSim {
  sim: Simulator
  token: string
  wf: WebflowClient
  /** A fake clock the test can move. */
  clock: { now: number }
}

/** A simulator with the demo seed, an OAuth app token with every app scope, and an SDK client. */
export async function startDemo(options: SimulatorOptionsInput = {}): Promise<DemoSim> {
  const clock = { now: Date.UTC(2026, 0, 1) }
  const sim = await createSimulator({ rateLimit: 'off', clock: () => clock.now, ...options })
  seedDemo(sim)
  const token = sim.control.oauthToken(DEMO.workspaceId)
  return { sim, token, wf: client(sim, token), clock }
}

/** Plain HTTP against the simulator (for what the SDK has no method for). */
export async function http(
  sim: Simulator,
  method: string,
  path: string,
  opts: {
    token?: string
    body?: unknown
    form?: Record<string, string>
    redirect?: 'manual' | 'follow' | 'error'
  } = {},
) {
  const headers: Record<string, string> = {}
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  let body: string | undefined
  if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    body = new URLSearchParams(opts.form).toString()
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  const res = await fetch(sim.url + path, { method, headers, body, redirect: opts.redirect ?? 'manual' })
  const text = await res.text()
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON loosely
  let json: any = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = null
  }
  return { status: res.status, headers: res.headers, json, text }
}

export interface Received {
  path: string
  headers: IncomingHttpHeaders
  raw: string
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON loosely
  body: { triggerType: string; payload: Record<string, any> }
}

/** docs/webflow.md, Webhook deliveries: hex HMAC-SHA256 of `${timestamp}:${rawBody}`. */
export function verifySignature(d: Received, secret: string): boolean {
  const ts = String(d.headers['x-webflow-timestamp'])
  const expected = createHmac('sha256', secret).update(`${ts}:${d.raw}`).digest('hex')
  return d.headers['x-webflow-signature'] === expected
}

export interface Receiver {
  url: string
  received: Received[]
  /** Status to answer with per request (default 200). */
  respond: (d: Received) => number | { status: number; location?: string }
  close: () => Promise<void>
}

export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = { url: '', received: [], respond: () => 200, close: async () => {} }
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      const d: Received = { path: req.url ?? '/', headers: req.headers, raw, body: JSON.parse(raw) }
      receiver.received.push(d)
      const answer = receiver.respond(d)
      const { status, location } =
        typeof answer === 'number' ? { status: answer, location: undefined } : answer
      res.writeHead(status, location ? { location } : {})
      res.end('ok')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  receiver.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections()
      server.close(() => r())
    })
  return receiver
}

/** Awaits an SDK call that must fail; returns the error's status and Webflow body. */
// biome-ignore lint/suspicious/noExplicitAny: tests read JSON loosely
export async function failure(p: Promise<unknown>): Promise<{ status: number; body: any }> {
  try {
    await p
  } catch (err) {
    const e = err as { statusCode?: number; body?: unknown }
    if (typeof e.statusCode === 'number') return { status: e.statusCode, body: e.body }
    throw err
  }
  throw new Error('expected the call to fail')
}
